package io.hybench.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.cli.Hybench;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/kubernetes read into the Kubernetes API types (fabric8 kubernetes-model): every field is one the API
 * knows, the shard Job is Indexed with completions = parallelism = --shards, the merge Job lists exactly those
 * shards' folders, every mount names a volume, both Jobs share the results claim, the containers' arguments
 * parse as hybench commands, and the workload is a seeded plan.
 */
class KubernetesManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void shardJobMergeJobAndClaimAreValidKubernetesObjectsThatFitTogether() throws Exception {
        PersistentVolumeClaim claim = read("base/results-pvc.yaml", PersistentVolumeClaim.class);
        Job shards = read("base/shards-job.yaml", Job.class);
        Job merge = read("merge/merge-job.yaml", Job.class);
        assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes(), "every shard pod writes to the one volume");

        assertEquals("Indexed", shards.getSpec().getCompletionMode());
        int n = shards.getSpec().getCompletions();
        assertEquals(n, shards.getSpec().getParallelism(), "all shards run at once");
        Container shard = onlyContainer(shards.getSpec().getTemplate().getSpec());
        assertEquals("--shards=" + n, option(shard.getArgs(), "--shards"));
        assertEquals("Never", shards.getSpec().getTemplate().getSpec().getRestartPolicy());
        EnvVar index = shard.getEnv().stream().filter(e -> e.getName().equals("SHARD_INDEX")).findFirst().orElseThrow();
        assertEquals("metadata.annotations['batch.kubernetes.io/job-completion-index']", index.getValueFrom().getFieldRef().getFieldPath());
        assertEquals("--run-id=shard-$(SHARD_INDEX)", option(shard.getArgs(), "--run-id"));

        Container merger = onlyContainer(merge.getSpec().getTemplate().getSpec());
        List<String> expected = new ArrayList<>(List.of("merge"));
        IntStream.range(0, n).forEach(i -> expected.add("/results/shards/shard-" + i));
        expected.add("--out=/results/merged");
        assertEquals(expected, merger.getArgs(), "the merge Job names every shard folder the shard Job writes");
        assertEquals("--out=/results/shards", option(shard.getArgs(), "--out"));
        assertEquals(shard.getImage(), merger.getImage());

        for (Job job : List.of(shards, merge)) {
            PodSpec pod = job.getSpec().getTemplate().getSpec();
            Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(java.util.stream.Collectors.toSet());
            for (VolumeMount m : onlyContainer(pod).getVolumeMounts()) assertTrue(volumes.contains(m.getName()), m.getName());
            Volume results = pod.getVolumes().stream().filter(v -> v.getName().equals("results")).findFirst().orElseThrow();
            assertEquals(claim.getMetadata().getName(), results.getPersistentVolumeClaim().getClaimName());
            // picocli parses the container's arguments as the command line they are
            CommandLine.ParseResult parsed = Hybench.commandLine().parseArgs(onlyContainer(pod).getArgs().toArray(String[]::new));
            assertTrue(parsed.hasSubcommand(), job.getMetadata().getName());
        }
    }

    @Test
    void kustomizationsNameFilesThatExistAndTheWorkloadIsASeededPlan() throws Exception {
        for (String dir : List.of("base", "merge")) {
            JsonNode k = YAML.readTree(DEPLOY.resolve(dir).resolve("kustomization.yaml").toFile());
            assertEquals("kustomize.config.k8s.io/v1beta1", k.get("apiVersion").asText());
            for (JsonNode r : k.path("resources")) assertTrue(Files.isRegularFile(DEPLOY.resolve(dir).resolve(r.asText())), r.asText());
            for (JsonNode g : k.path("configMapGenerator")) {
                for (JsonNode f : g.path("files")) assertTrue(Files.isRegularFile(DEPLOY.resolve(dir).resolve(f.asText())), f.asText());
            }
        }
        Path workload = DEPLOY.resolve("base/workload.yaml");
        Workload w = WorkloadYaml.read(workload);
        assertTrue(YAML.readTree(workload.toFile()).has("seed"), "a sharded run needs a seed");
        assertEquals(7, w.seed());
        Job shards = read("base/shards-job.yaml", Job.class);
        Container shard = onlyContainer(shards.getSpec().getTemplate().getSpec());
        assertEquals("--workload=/workload/" + workload.getFileName(), option(shard.getArgs(), "--workload"));
    }

    /** Reads a manifest into its API type; any field the type does not know lands in additionalProperties and fails. */
    private static <T extends HasMetadata> T read(String file, Class<T> type) throws Exception {
        T object = YAML.readValue(DEPLOY.resolve(file).toFile(), type);
        List<String> unknown = new ArrayList<>();
        unknownFields(object, file, unknown, new IdentityHashMap<>());
        assertTrue(unknown.isEmpty(), "fields the Kubernetes API does not have: " + unknown);
        assertFalse(object.getMetadata().getName().isBlank());
        return object;
    }

    /** Walks the fabric8 model and collects every non-empty additionalProperties map (a misspelt or misplaced key). */
    private static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) return;
        if (o instanceof Collection<?> c) {
            for (Object x : c) unknownFields(x, path + "[]", out, seen);
            return;
        }
        if (!o.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) return;
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) continue;
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> map && !map.isEmpty()) out.add(path + ": " + map.keySet());
            } else {
                unknownFields(v, path + "." + m.getName().substring(3), out, seen);
            }
        }
    }

    private static Container onlyContainer(PodSpec pod) {
        assertEquals(1, pod.getContainers().size());
        return pod.getContainers().getFirst();
    }

    private static String option(List<String> args, String name) {
        Pattern p = Pattern.compile(Pattern.quote(name) + "=.*");
        return args.stream().filter(a -> p.matcher(a).matches()).findFirst().orElseThrow(() -> new AssertionError(name + " not in " + args));
    }
}
