// Every test listens to the one "PromptWatch" activity source and meter of the process: run them one at a time, so
// that no test sees another's spans or measurements.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
