using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PromptWatch.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PromptWatch.Tests.Differential;

/// <summary>
/// The values-file rules, written from the specification with YamlDotNet's representation model
/// (<see cref="YamlStream"/>, <see cref="YamlMappingNode"/>) and none of the product's parsing code: every
/// top-level mapping with <c>model</c> and <c>prompt</c> is a use case; <c>enabled</c> (default true),
/// <c>temperature</c>, <c>top_k</c>, <c>top_p</c> and <c>max_tokens</c> are typed; other scalar keys are
/// extras; the prompt is trimmed.
/// </summary>
/// <remarks>
/// Errors are expected with the product's sentences and YAML's positions (1-based line and column). A YAML
/// syntax error is expected as <c>invalid YAML: </c> followed by YamlDotNet's own sentence for it, with the
/// <c>(Line: …, Col: …, Idx: …) - (Line: …): </c> location prefix YamlDotNet puts before it removed: the
/// position is compared on its own. Merge keys, several documents, badly typed settings and other shapes
/// the differential histories do not write are refused (<see cref="NotSupportedException"/>) rather than guessed.
/// </remarks>
internal static class ReferenceValuesReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The use cases of one file version, in file order, or its error.</summary>
    public static (List<KeyValuePair<string, UseCaseState>> UseCases, ConfigError? Error) Read(byte[] content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return ([], new ConfigError("the file is not valid UTF-8 text"));
        }

        if (text.StartsWith('\uFEFF')) text = text[1..];
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return ([], new ConfigError("invalid YAML: " + WithoutLocation(Innermost(e).Message), (int)Innermost(e).Start.Line, (int)Innermost(e).Start.Column));
        }

        if (stream.Documents.Count > 1) throw new NotSupportedException("The reference does not read files with several YAML documents.");
        if (stream.Documents.Count == 0) return ([], null);
        return stream.Documents[0].RootNode switch
        {
            YamlScalarNode scalar when IsNull(scalar) => ([], null),
            YamlMappingNode root => UseCasesOf(root),
            var other => ([], new ConfigError("the top level of a values file must be a mapping of keys to values", (int)other.Start.Line, (int)other.Start.Column)),
        };
    }

    private static (List<KeyValuePair<string, UseCaseState>>, ConfigError?) UseCasesOf(YamlMappingNode root)
    {
        var result = new List<KeyValuePair<string, UseCaseState>>();
        foreach (var (keyNode, value) in root.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name } key) continue;
            RefuseMergeKey(key);
            if (value is not YamlMappingNode block) continue;
            var settings = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (settingKey, setting) in block.Children)
            {
                if (settingKey is not YamlScalarNode { Value: { } settingName } scalarKey) continue;
                RefuseMergeKey(scalarKey);
                settings.Add(settingName, setting);
            }

            if (!settings.ContainsKey("model") || !settings.ContainsKey("prompt")) continue;
            result.Add(new(name, StateOf(name, settings)));
        }

        return (result, null);
    }

    private static UseCaseState StateOf(string useCase, Dictionary<string, YamlNode> settings)
    {
        string model = string.Empty, prompt = string.Empty;
        var enabled = true;
        double? temperature = null, topP = null;
        int? topK = null, maxTokens = null;
        var extras = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in settings)
        {
            var typed = key is "model" or "prompt" or "enabled" or "temperature" or "top_k" or "top_p" or "max_tokens";
            if (node is not YamlScalarNode scalar)
            {
                if (typed) throw new NotSupportedException($"The reference does not read a collection as {useCase}.{key}.");
                continue;
            }

            var text = scalar.Value ?? string.Empty;
            var isNull = IsNull(scalar);
            var ok = true;
            switch (key)
            {
                case "model":
                    model = isNull ? string.Empty : text;
                    break;
                case "prompt":
                    prompt = isNull ? string.Empty : text.Trim();
                    break;
                case "enabled":
                    ok = isNull || TryBoolean(text, out enabled);
                    break;
                case "temperature":
                    ok = TryNumber(scalar, out temperature);
                    break;
                case "top_p":
                    ok = TryNumber(scalar, out topP);
                    break;
                case "top_k":
                    ok = TryWholeNumber(scalar, out topK);
                    break;
                case "max_tokens":
                    ok = TryWholeNumber(scalar, out maxTokens);
                    break;
                default:
                    extras[key] = text;
                    break;
            }

            if (!ok) throw new NotSupportedException($"The reference does not check the error of {useCase}.{key} = '{text}'.");
        }

        return new UseCaseState(model, prompt, enabled, temperature, topK, topP, maxTokens, extras.ToImmutable());
    }

    /// <summary>Changed field names between two states: the typed fields in a fixed order, then <c>extras.&lt;key&gt;</c> by key.</summary>
    public static ImmutableArray<string> ChangedFields(UseCaseState before, UseCaseState after)
    {
        var fields = new List<string>();
        if (before.Model != after.Model) fields.Add("model");
        if (before.Prompt != after.Prompt) fields.Add("prompt");
        if (before.Enabled != after.Enabled) fields.Add("enabled");
        if (before.Temperature != after.Temperature) fields.Add("temperature");
        if (before.TopK != after.TopK) fields.Add("top_k");
        if (before.TopP != after.TopP) fields.Add("top_p");
        if (before.MaxTokens != after.MaxTokens) fields.Add("max_tokens");
        var keys = new SortedSet<string>(before.Extras.Keys, StringComparer.Ordinal);
        keys.UnionWith(after.Extras.Keys);
        foreach (var key in keys)
        {
            var had = before.Extras.TryGetValue(key, out var old);
            var has = after.Extras.TryGetValue(key, out var now);
            if (had != has || old != now) fields.Add("extras." + key);
        }

        return [.. fields];
    }

    private static void RefuseMergeKey(YamlScalarNode key)
    {
        if (key.Value == "<<" && key.Style == ScalarStyle.Plain) throw new NotSupportedException("The reference does not apply merge keys.");
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static bool TryBoolean(string text, out bool value)
    {
        var lower = text.ToLowerInvariant();
        value = lower is "true" or "yes" or "on";
        return value || lower is "false" or "no" or "off";
    }

    private static bool TryNumber(YamlScalarNode scalar, out double? value)
    {
        value = null;
        if (IsNull(scalar)) return true;
        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed)) return false;
        value = parsed;
        return true;
    }

    private static bool TryWholeNumber(YamlScalarNode scalar, out int? value)
    {
        value = null;
        if (IsNull(scalar)) return true;
        if (!int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)) return false;
        value = parsed;
        return true;
    }

    private static YamlException Innermost(YamlException e) => e.InnerException is YamlException inner ? Innermost(inner) : e;

    /// <summary>YamlDotNet's sentence without the <c>(Line: …, Col: …, Idx: …) - (Line: …, Col: …, Idx: …): </c> it starts with.</summary>
    private static string WithoutLocation(string message)
    {
        const string Prefix = "(Line: ";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal)) return message;
        var end = message.IndexOf("): ", message.IndexOf(" - " + Prefix, StringComparison.Ordinal) is var dash and >= 0 ? dash : 0, StringComparison.Ordinal);
        return end >= 0 ? message[(end + 3)..] : message;
    }
}
