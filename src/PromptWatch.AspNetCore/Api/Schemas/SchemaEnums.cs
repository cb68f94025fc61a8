using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>What happened to a use case (<c>kind</c> of a change).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeKindName>))]
internal enum ChangeKindName
{
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("changed")] Changed,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>Whether a change's commit has evaluation results (<c>eval_results_status</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationStatusName>))]
internal enum EvaluationStatusName
{
    [JsonStringEnumMemberName("found")] Found,
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("not_configured")] NotConfigured,
}

/// <summary>A prompt diff row's kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiffRowKindName>))]
internal enum DiffRowKindName
{
    [JsonStringEnumMemberName("unchanged")] Unchanged,
    [JsonStringEnumMemberName("inserted")] Inserted,
    [JsonStringEnumMemberName("deleted")] Deleted,
    [JsonStringEnumMemberName("modified")] Modified,
}
