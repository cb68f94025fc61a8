using System.Globalization;

namespace PromptWatch.Redis;

/// <summary>The Redis pipeline store's keys. Bound from <c>PromptWatch:Pipelines:Redis</c>; retention and caps come from <c>PromptWatch:Pipelines</c>.</summary>
public sealed class RedisPipelineStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "PromptWatch:Pipelines:Redis";

    /// <summary>The prefix of every key of the store. Default <c>promptwatch:pipelines:</c>; replicas that share runs use the same one.</summary>
    public string KeyPrefix { get; set; } = "promptwatch:pipelines:";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"KeyPrefix={KeyPrefix}");
}
