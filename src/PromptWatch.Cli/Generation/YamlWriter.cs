using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PromptWatch.Cli.Generation;

/// <summary>
/// A YAML document written through YamlDotNet's emitter (events, no reflection): strings that could read as anything
/// else (numbers, booleans, null, durations are fine) are double-quoted, numbers and booleans are plain.
/// </summary>
internal sealed partial class YamlWriter
{
    private readonly StringBuilder _text = new();
    private readonly Emitter _emitter;

    public YamlWriter(string? headerComment = null)
    {
        if (headerComment is not null)
        {
            foreach (var line in headerComment.Split('\n')) _text.Append(line.Length == 0 ? "#\n" : "# " + line + "\n");
        }

        // The writer only appends to the builder: nothing to release.
        _emitter = new Emitter(new StringWriter(_text) { NewLine = "\n" });
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
    }

    public YamlWriter BeginMapping()
    {
        _emitter.Emit(new MappingStart());
        return this;
    }

    public YamlWriter EndMapping()
    {
        _emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlWriter BeginSequence(bool flow = false)
    {
        _emitter.Emit(new SequenceStart(null, null, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
        return this;
    }

    public YamlWriter EndSequence()
    {
        _emitter.Emit(new SequenceEnd());
        return this;
    }

    public YamlWriter Key(string key) => String(key);

    public YamlWriter String(string value)
    {
        var plain = SafePlain().IsMatch(value) && !Reserved().IsMatch(value);
        _emitter.Emit(new Scalar(null, null, value, plain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted, plain, !plain));
        return this;
    }

    public YamlWriter Raw(string plainValue)
    {
        _emitter.Emit(new Scalar(null, null, plainValue, ScalarStyle.Plain, true, false));
        return this;
    }

    public YamlWriter Pair(string key, string value) => Key(key).String(value);

    public YamlWriter Strings(string key, IEnumerable<string> values, bool flow = false)
    {
        Key(key).BeginSequence(flow);
        foreach (var value in values) String(value);
        return EndSequence();
    }

    public override string ToString()
    {
        _emitter.Emit(new DocumentEnd(true));
        _emitter.Emit(new StreamEnd());
        return _text.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z_/][A-Za-z0-9_./-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePlain();

    [GeneratedRegex(@"^(?i:y|yes|n|no|true|false|on|off|null)$", RegexOptions.CultureInvariant)]
    private static partial Regex Reserved();
}
