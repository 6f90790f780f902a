/**
 * The hybrid system under load: a question workload sent to a routed target (hybench route, or a router
 * of the user's) and, in the same run, to its local and cloud parts alone; every answer graded with
 * collect's graders, summarized per load level (accuracy, route mix, cost, user-visible latency) and set
 * beside what the calibration predicts for the same load (docs/results.md, "The hybrid folder").
 */
package io.hybench.calibrate.hybrid;
