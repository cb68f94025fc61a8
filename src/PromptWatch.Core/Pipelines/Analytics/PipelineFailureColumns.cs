namespace PromptWatch.Pipelines.Analytics;

/// <summary>
/// The failure route's columns over runs and jobs in creation order: per run its outcome and its branch, author and
/// workflow as ids; per job its outcome and name id; every job's steps one after the other (a window of jobs is a
/// suffix of them too), each with its outcome and its <c>job / step</c> key id. Names are interned by ordinal text.
/// </summary>
internal sealed class PipelineFailureColumns
{
    /// <summary>Not decided (neither passed nor failed, or not completed).</summary>
    public const sbyte Undecided = -1;

    public PipelineFailureColumns(PipelineRun[] runs, PipelineJob[] jobs)
    {
        var branches = new Names();
        var authors = new Names();
        var workflows = new Names();
        RunOutcome = new sbyte[runs.Length];
        RunBranch = new int[runs.Length];
        RunAuthor = new int[runs.Length];
        RunWorkflow = new int[runs.Length];
        for (var i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            RunOutcome[i] = run.IsCompleted ? Outcome(run.Conclusion) : Undecided;
            RunBranch[i] = branches.Id(run.Branch ?? "(none)");
            RunAuthor[i] = authors.Id(run.CommitAuthor ?? run.Actor ?? "(unknown)");
            RunWorkflow[i] = workflows.Id(run.WorkflowName);
        }

        var jobNames = new Names();
        var stepNames = new Names();
        var stepKeys = new Names();
        var pairs = new Dictionary<(int Job, int Step), int>();
        JobOutcome = new sbyte[jobs.Length];
        JobName = new int[jobs.Length];
        JobFirstStep = new int[jobs.Length + 1];
        var stepCount = 0;
        foreach (var job in jobs) stepCount += job.Steps.Count;
        StepOutcome = new sbyte[stepCount];
        StepKey = new int[stepCount];
        var s = 0;
        for (var i = 0; i < jobs.Length; i++)
        {
            var job = jobs[i];
            JobFirstStep[i] = s;
            JobOutcome[i] = job.IsCompleted ? Outcome(job.Conclusion) : Undecided;
            var name = JobName[i] = jobNames.Id(job.Name);
            foreach (var step in job.Steps)
            {
                StepOutcome[s] = step.Status == PipelineStatus.Completed ? Outcome(step.Conclusion) : Undecided;
                var pair = (name, stepNames.Id(step.Name));
                if (!pairs.TryGetValue(pair, out var key)) pairs[pair] = key = stepKeys.Id(job.Name + " / " + step.Name);
                StepKey[s++] = key;
            }
        }

        JobFirstStep[jobs.Length] = s;
        Branches = branches.All;
        Authors = authors.All;
        Workflows = workflows.All;
        JobNames = jobNames.All;
        StepKeys = stepKeys.All;
    }

    public sbyte[] RunOutcome { get; }

    public int[] RunBranch { get; }

    public int[] RunAuthor { get; }

    public int[] RunWorkflow { get; }

    public sbyte[] JobOutcome { get; }

    public int[] JobName { get; }

    /// <summary>Job i's steps are from <c>JobFirstStep[i]</c> to <c>JobFirstStep[i + 1]</c>.</summary>
    public int[] JobFirstStep { get; }

    public sbyte[] StepOutcome { get; }

    public int[] StepKey { get; }

    public IReadOnlyList<string> Branches { get; }

    public IReadOnlyList<string> Authors { get; }

    public IReadOnlyList<string> Workflows { get; }

    public IReadOnlyList<string> JobNames { get; }

    public IReadOnlyList<string> StepKeys { get; }

    /// <summary>1 for a failure, 0 for a pass, <see cref="Undecided"/> otherwise.</summary>
    private static sbyte Outcome(PipelineConclusion? conclusion) =>
        PipelineOutcome.IsFailure(conclusion) ? (sbyte)1 : PipelineOutcome.IsSuccess(conclusion) ? (sbyte)0 : Undecided;

    /// <summary>Interns names to ids by ordinal text, in order of first appearance.</summary>
    internal sealed class Names
    {
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        private readonly List<string> names = [];

        public IReadOnlyList<string> All => names;

        public int Id(string name)
        {
            if (!ids.TryGetValue(name, out var id))
            {
                ids[name] = id = names.Count;
                names.Add(name);
            }

            return id;
        }
    }
}
