using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Parsing;

/// <summary>What one top-level segment of a values file holds: its keys, its use cases, and its size with aliases expanded.</summary>
internal sealed record ValuesSegment(ImmutableArray<string> Keys, ImmutableArray<KeyValuePair<string, UseCaseState>> UseCases, long ExpandedSize);
