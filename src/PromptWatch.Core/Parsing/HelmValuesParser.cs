using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using PromptWatch.Model;
using YamlDotNet.Core;

namespace PromptWatch.Parsing;

/// <summary>
/// Reads Helm values files: every top-level mapping that has both <c>model</c> and <c>prompt</c> is a
/// use case. <c>enabled</c> (default <see langword="true"/>), <c>temperature</c>, <c>top_k</c>,
/// <c>top_p</c> and <c>max_tokens</c> are typed; any other scalar key is kept as an extra. The prompt is
/// trimmed. Anchors, aliases and merge keys (<c>&lt;&lt;</c>) are supported.
/// </summary>
public sealed class HelmValuesParser : IConfigParser
{
    private const string MergeKey = "<<";
    private readonly HelmValuesParserOptions _options;
    private readonly ValuesSegmentCache _segments;

    /// <summary>Creates a parser with the given limits, or the defaults.</summary>
    /// <param name="options">The limits; defaults when <see langword="null"/>.</param>
    public HelmValuesParser(HelmValuesParserOptions? options = null)
    {
        _options = options ?? new HelmValuesParserOptions();
        _segments = new ValuesSegmentCache(_options.MaxCachedSegments);
    }

    /// <inheritdoc />
    public ParsedConfig Parse(ReadOnlySpan<byte> content)
    {
        if (!Utf8.IsValid(content)) return ParsedConfig.Failure(new ConfigError("the file is not valid UTF-8 text"));
        if (content.StartsWith(Utf8Bom)) content = content[Utf8Bom.Length..];
        return _segments.TryParse(content, this) ?? ParseWhole(Encoding.UTF8.GetString(content));
    }

    /// <summary>Parses a whole document at once (what <see cref="Parse"/> falls back to).</summary>
    internal ParsedConfig ParseWhole(string text)
    {
        var root = Read(text, out var failure);
        if (failure is not null) return failure;
        return root switch
        {
            null => ParsedConfig.Success([]),
            YamlTreeScalar { IsNull: true } => ParsedConfig.Success([]),
            YamlTreeMapping mapping => ReadUseCases(mapping, _options.MaxDepth),
            _ => Failure("the top level of a values file must be a mapping of keys to values", root.Start),
        };
    }

    /// <summary>
    /// Parses one top-level segment of a document on its own, or returns <see langword="null"/> when it is
    /// not a block mapping starting in the first column (or empty) without errors.
    /// </summary>
    internal ValuesSegment? ParseSegment(string text, bool allowSimpleReader = true)
    {
        YamlTreeNode? root = allowSimpleReader ? SimpleValuesReader.TryRead(text) : null;
        if (root is null)
        {
            root = Read(text, out var failure);
            if (failure is not null) return null;
        }

        switch (root)
        {
            case null or YamlTreeScalar { IsNull: true }:
                return new ValuesSegment([], [], root?.ExpandedSize ?? 1);
            case YamlTreeMapping { IsFlow: false } mapping when mapping.Start.Column is 1 or 0:
                var topLevel = Flatten(mapping, _options.MaxDepth, out var error);
                if (error is not null) return null;
                var parsed = ReadUseCases(mapping, _options.MaxDepth);
                return parsed.Error is null ? new ValuesSegment([.. topLevel!.Keys], parsed.UseCases, mapping.ExpandedSize) : null;
            default:
                return null;
        }
    }

    internal HelmValuesParserOptions Options => _options;

    private YamlTreeNode? Read(string text, out ParsedConfig? failure)
    {
        failure = null;
        try
        {
            return YamlTreeReader.ReadSingleDocument(new Parser(new StringReader(text)), _options.MaxDepth, _options.MaxExpandedNodes);
        }
        catch (YamlLimitException e)
        {
            failure = Failure(e.Message, e.Start);
        }
        catch (YamlException e)
        {
            failure = Failure("invalid YAML: " + InnermostMessage(e), e.Start);
        }

        return null;
    }

    private static ParsedConfig ReadUseCases(YamlTreeMapping root, int maxMergeDepth)
    {
        var topLevel = Flatten(root, maxMergeDepth, out var error);
        if (error is not null) return ParsedConfig.Failure(error);

        var useCases = new List<KeyValuePair<string, UseCaseState>>();
        foreach (var (name, (_, value)) in topLevel!)
        {
            if (value is not YamlTreeMapping block) continue;
            var settings = Flatten(block, maxMergeDepth, out error);
            if (error is not null) return ParsedConfig.Failure(error);
            if (!settings!.ContainsKey(UseCaseState.Fields.Model) || !settings.ContainsKey(UseCaseState.Fields.Prompt)) continue;

            var state = ReadState(name, settings, out error);
            if (error is not null) return ParsedConfig.Failure(error);
            useCases.Add(new(name, state!));
        }

        return ParsedConfig.Success(useCases);
    }

    private static UseCaseState? ReadState(string useCase, Dictionary<string, (YamlTreeNode Key, YamlTreeNode Value)> settings, out ConfigError? error)
    {
        error = null;
        string? model = null, prompt = null;
        var enabled = true;
        double? temperature = null, topP = null;
        int? topK = null, maxTokens = null;
        var extras = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);

        foreach (var (key, (_, node)) in settings)
        {
            if (node is not YamlTreeScalar scalar)
            {
                if (Expected(key) is { } typed)
                {
                    error = Error($"{useCase}.{key} must be {typed}, not a {(node is YamlTreeMapping ? "mapping" : "list")}", node.Start);
                    return null;
                }

                continue; // nested blocks are not settings
            }

            var ok = true;
            switch (key)
            {
                case UseCaseState.Fields.Model:
                    model = scalar.IsNull ? string.Empty : scalar.Value;
                    break;
                case UseCaseState.Fields.Prompt:
                    prompt = scalar.IsNull ? string.Empty : scalar.Value.Trim();
                    break;
                case UseCaseState.Fields.Enabled:
                    ok = scalar.IsNull || TryParseBoolean(scalar.Value, out enabled);
                    if (scalar.IsNull) enabled = true;
                    break;
                case UseCaseState.Fields.Temperature:
                    ok = TryParseNullable(scalar, out temperature);
                    break;
                case UseCaseState.Fields.TopP:
                    ok = TryParseNullable(scalar, out topP);
                    break;
                case UseCaseState.Fields.TopK:
                    ok = TryParseNullable(scalar, out topK);
                    break;
                case UseCaseState.Fields.MaxTokens:
                    ok = TryParseNullable(scalar, out maxTokens);
                    break;
                default:
                    extras[key] = scalar.Value;
                    break;
            }

            if (!ok)
            {
                error = Error($"{useCase}.{key} must be {Expected(key)}, not '{Shorten(scalar.Value)}'", scalar.Start);
                return null;
            }
        }

        return new UseCaseState(model!, prompt!, enabled, temperature, topK, topP, maxTokens, extras.ToImmutable());
    }

    /// <summary>What a typed field must hold, or <see langword="null"/> for an extra.</summary>
    private static string? Expected(string key) => key switch
    {
        UseCaseState.Fields.Model or UseCaseState.Fields.Prompt => "text",
        UseCaseState.Fields.Enabled => "true or false",
        UseCaseState.Fields.TopK or UseCaseState.Fields.MaxTokens => "a whole number",
        UseCaseState.Fields.Temperature or UseCaseState.Fields.TopP => "a number",
        _ => null,
    };

    /// <summary>
    /// The entries of a mapping by scalar key, with merge keys applied (explicit keys win over merged
    /// ones; merged mappings have their own merge keys applied first, as YAML's merge type defines).
    /// A key that appears twice is an error, as YAML requires.
    /// </summary>
    private static Dictionary<string, (YamlTreeNode Key, YamlTreeNode Value)>? Flatten(YamlTreeMapping mapping, int maxMergeDepth, out ConfigError? error)
    {
        error = null;
        var result = new Dictionary<string, (YamlTreeNode, YamlTreeNode)>(StringComparer.Ordinal);
        var merged = new List<YamlTreeMapping>();
        foreach (var (keyNode, value) in mapping.Entries)
        {
            if (keyNode is not YamlTreeScalar { } key) continue; // complex keys are not settings
            if (key.Value == MergeKey && key.Style == ScalarStyle.Plain)
            {
                switch (value)
                {
                    case YamlTreeMapping source:
                        merged.Add(source);
                        break;
                    case YamlTreeSequence sources when sources.Items.All(static i => i is YamlTreeMapping):
                        merged.AddRange(sources.Items.Cast<YamlTreeMapping>());
                        break;
                    default:
                        // At the key: the value may be an alias, whose node (and position) is the anchored one.
                        error = Error("a merge key (<<) must refer to a mapping or a list of mappings", key.Start);
                        return null;
                }

                continue;
            }

            if (!result.TryAdd(key.Value, (key, value)))
            {
                error = Error($"duplicate key '{Shorten(key.Value)}'", key.Start);
                return null;
            }
        }

        foreach (var source in merged)
        {
            if (maxMergeDepth <= 1)
            {
                error = Error("merge keys (<<) are chained deeper than the nesting limit", source.Start);
                return null;
            }

            var inherited = Flatten(source, maxMergeDepth - 1, out error);
            if (error is not null) return null;
            foreach (var (key, entry) in inherited!) result.TryAdd(key, entry);
        }

        return result;
    }

    private static bool TryParseBoolean(string value, out bool result)
    {
        switch (value.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                result = true;
                return true;
            case "false" or "no" or "off":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    private static bool TryParseNullable(YamlTreeScalar scalar, out double? result)
    {
        result = null;
        if (scalar.IsNull) return true;
        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) return false;
        result = value;
        return true;
    }

    private static bool TryParseNullable(YamlTreeScalar scalar, out int? result)
    {
        result = null;
        if (scalar.IsNull) return true;
        if (!int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return false;
        result = value;
        return true;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string InnermostMessage(YamlException e)
    {
        Exception current = e;
        while (current.InnerException is YamlException inner) current = inner;
        var message = current.Message;
        // YamlDotNet prefixes "(Line: x, Col: y, Idx: z) - (Line: ...): "; the error carries the position itself.
        var dash = message.LastIndexOf("): ", StringComparison.Ordinal);
        return dash >= 0 ? message[(dash + 3)..] : message;
    }

    private static ConfigError Error(string message, Mark mark) => new(message, (int)mark.Line, (int)mark.Column);

    private static ParsedConfig Failure(string message, Mark mark) => ParsedConfig.Failure(Error(message, mark));
}
