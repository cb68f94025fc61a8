using System.Text.Json.Serialization;
using PromptWatch.Pipelines;

namespace PromptWatch.Redis;

/// <summary>The pipeline model as the Redis store keeps it (source-generated, no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(PipelineRun))]
[JsonSerializable(typeof(PipelineJob))]
[JsonSerializable(typeof(PipelineDeployment))]
[JsonSerializable(typeof(PipelineDeploymentStatus))]
internal sealed partial class RedisPipelineJson : JsonSerializerContext;
