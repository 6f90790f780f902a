package io.hybench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Packages import downward only: no cycle among the main classes of every module (each package its own
 * slice). This module's test class path holds every other module, so one import sees them all.
 */
class PackageCyclesTest {
    /** The root package of each module; the import must see every one, or the rule would check less than it says. */
    static final Set<String> MODULE_ROOTS = Set.of("io.hybench.core", "io.hybench.emulator", "io.hybench.bench", "io.hybench.calibrate",
            "io.hybench.reports", "io.hybench.cli", "io.hybench.demo", "io.hybench.jmh", "io.hybench.tools");

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // test-jars of other modules
            .importPackages("io.hybench");

    @Test
    void everyModuleIsImported() {
        Set<String> seen = MAIN.stream()
                .map(c -> MODULE_ROOTS.stream().filter(r -> c.getPackageName().equals(r) || c.getPackageName().startsWith(r + ".")).findFirst().orElse("?"))
                .collect(Collectors.toSet());
        assertEquals(MODULE_ROOTS, seen);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.hybench.(**)").should().beFreeOfCycles().check(MAIN);
    }
}
