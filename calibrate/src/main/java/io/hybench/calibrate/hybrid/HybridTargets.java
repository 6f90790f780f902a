package io.hybench.calibrate.hybrid;

import io.hybench.bench.client.Target;

import java.util.List;
import java.util.Objects;

/**
 * The three targets of a hybrid run: the routed endpoint and its two parts, each asked alone.
 *
 * @param localModel the model name the local leg is priced by (the local part's model)
 * @param cloudModel the model name the cloud leg is priced by
 */
public record HybridTargets(Target routed, Target local, Target cloud) {
    public HybridTargets {
        Objects.requireNonNull(routed, "routed");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(cloud, "cloud");
    }

    public List<Target> all() {
        return List.of(routed, local, cloud);
    }

    /** The role of a target name of this run, or null for another name. */
    public Role roleOf(String targetName) {
        if (routed.name().equals(targetName)) return Role.HYBRID;
        if (local.name().equals(targetName)) return Role.LOCAL_ONLY;
        if (cloud.name().equals(targetName)) return Role.CLOUD_ONLY;
        return null;
    }

    public Target target(Role role) {
        return switch (role) {
            case HYBRID -> routed;
            case LOCAL_ONLY -> local;
            case CLOUD_ONLY -> cloud;
        };
    }
}
