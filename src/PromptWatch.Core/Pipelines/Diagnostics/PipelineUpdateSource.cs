namespace PromptWatch.Pipelines.Diagnostics;

/// <summary>Where an update offered to the pipeline store came from: the <c>promptwatch.pipeline.source</c> attribute.</summary>
internal static class PipelineUpdateSource
{
    public const string Webhook = "webhook";
    public const string Poll = "poll";
    public const string Other = "other";
}
