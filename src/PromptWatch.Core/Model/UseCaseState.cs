using System.Collections.Immutable;

namespace PromptWatch.Model;

/// <summary>
/// The settings of one use case (one top-level block of a values file) in one file version.
/// Two states are equal when every setting, extras included, is equal.
/// </summary>
/// <param name="Model">The model name.</param>
/// <param name="Prompt">The prompt, trimmed.</param>
/// <param name="Enabled">Whether the use case is enabled; <see langword="true"/> when the file does not say.</param>
/// <param name="Temperature">Sampling temperature, when set.</param>
/// <param name="TopK">Top-k sampling, when set.</param>
/// <param name="TopP">Top-p (nucleus) sampling, when set.</param>
/// <param name="MaxTokens">Maximum number of generated tokens, when set.</param>
/// <param name="Extras">Any other scalar setting of the block, by key, as written in the file.</param>
public sealed record UseCaseState(
    string Model,
    string Prompt,
    bool Enabled,
    double? Temperature,
    int? TopK,
    double? TopP,
    int? MaxTokens,
    ImmutableSortedDictionary<string, string> Extras)
{
    /// <summary>Names of the typed fields, as they appear in values files and in JSON.</summary>
    public static class Fields
    {
        /// <summary><c>model</c></summary>
        public const string Model = "model";
        /// <summary><c>prompt</c></summary>
        public const string Prompt = "prompt";
        /// <summary><c>enabled</c></summary>
        public const string Enabled = "enabled";
        /// <summary><c>temperature</c></summary>
        public const string Temperature = "temperature";
        /// <summary><c>top_k</c></summary>
        public const string TopK = "top_k";
        /// <summary><c>top_p</c></summary>
        public const string TopP = "top_p";
        /// <summary><c>max_tokens</c></summary>
        public const string MaxTokens = "max_tokens";
        /// <summary>Prefix of an extra setting's field name in <see cref="ChangeEntry.ChangedFields"/>.</summary>
        public const string ExtrasPrefix = "extras.";
    }

    /// <inheritdoc />
    public bool Equals(UseCaseState? other) =>
        other is not null
        && Model == other.Model
        && Prompt == other.Prompt
        && Enabled == other.Enabled
        && Temperature == other.Temperature
        && TopK == other.TopK
        && TopP == other.TopP
        && MaxTokens == other.MaxTokens
        && ExtrasEqual(Extras, other.Extras);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Model, Prompt, Enabled, Temperature, TopK, TopP, MaxTokens, Extras.Count);

    /// <summary>
    /// The fields whose values differ between <paramref name="previous"/> and this state, in a stable
    /// order: the typed fields first, then <c>extras.&lt;key&gt;</c> by key.
    /// </summary>
    /// <param name="previous">The earlier state.</param>
    /// <returns>The changed field names; empty when the states are equal.</returns>
    public ImmutableArray<string> ChangedFieldsSince(UseCaseState previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var changed = ImmutableArray.CreateBuilder<string>();
        if (Model != previous.Model) changed.Add(Fields.Model);
        if (Prompt != previous.Prompt) changed.Add(Fields.Prompt);
        if (Enabled != previous.Enabled) changed.Add(Fields.Enabled);
        if (Temperature != previous.Temperature) changed.Add(Fields.Temperature);
        if (TopK != previous.TopK) changed.Add(Fields.TopK);
        if (TopP != previous.TopP) changed.Add(Fields.TopP);
        if (MaxTokens != previous.MaxTokens) changed.Add(Fields.MaxTokens);
        foreach (var key in Extras.Keys.Union(previous.Extras.Keys).Order(StringComparer.Ordinal))
        {
            var before = previous.Extras.GetValueOrDefault(key);
            var after = Extras.GetValueOrDefault(key);
            if (before != after) changed.Add(Fields.ExtrasPrefix + key);
        }

        return changed.ToImmutable();
    }

    /// <summary>The value of one field, formatted as text, or <see langword="null"/> when it is not set.</summary>
    /// <param name="field">A name from <see cref="Fields"/>, or <c>extras.&lt;key&gt;</c>.</param>
    /// <returns>The value as text.</returns>
    public string? FormatField(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field switch
        {
            Fields.Model => Model,
            Fields.Prompt => Prompt,
            Fields.Enabled => Enabled ? "true" : "false",
            Fields.Temperature => Temperature?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            Fields.TopK => TopK?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Fields.TopP => TopP?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            Fields.MaxTokens => MaxTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when field.StartsWith(Fields.ExtrasPrefix, StringComparison.Ordinal) => Extras.GetValueOrDefault(field[Fields.ExtrasPrefix.Length..]),
            _ => null,
        };
    }

    private static bool ExtrasEqual(ImmutableSortedDictionary<string, string> a, ImmutableSortedDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value) return false;
        }

        return true;
    }
}
