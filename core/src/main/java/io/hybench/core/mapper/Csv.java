package io.hybench.core.mapper;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/** The project's CSV configurations. Shared: never reconfigure them. */
public final class Csv {
    /** Rows as read, header handling left to the caller's schema: labeled data sets. */
    public static final CsvMapper MAPPER = new CsvMapper();
    /** A row missing a header column fails: prompt files. */
    public static final CsvMapper STRICT_HEADERS = CsvMapper.builder().enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS).build();

    private Csv() {
    }
}
