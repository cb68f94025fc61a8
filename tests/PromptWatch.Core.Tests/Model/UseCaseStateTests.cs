using System.Collections.Immutable;
using PromptWatch.Model;

namespace PromptWatch.Tests.Model;

public sealed class UseCaseStateTests
{
    private static readonly UseCaseState Base = new(
        "gpt-4o", "Summarize.", true, 0.2, 40, 0.9, 512, Extras(("provider", "openai"), ("region", "eu")));

    [Fact]
    public void States_with_equal_settings_are_equal_even_with_distinct_extras_instances()
    {
        var copy = Base with { Extras = Extras(("region", "eu"), ("provider", "openai")) };

        Assert.Equal(Base, copy);
        Assert.Equal(Base.GetHashCode(), copy.GetHashCode());
        Assert.True(Base == copy);
    }

    [Fact]
    public void Different_extra_value_makes_states_unequal()
    {
        Assert.NotEqual(Base, Base with { Extras = Extras(("provider", "azure"), ("region", "eu")) });
    }

    [Fact]
    public void Extra_with_another_key_makes_states_unequal()
    {
        Assert.NotEqual(Base, Base with { Extras = Extras(("provider", "openai"), ("zone", "eu")) });
    }

    [Fact]
    public void Each_typed_field_takes_part_in_equality()
    {
        Assert.NotEqual(Base, Base with { Model = "other" });
        Assert.NotEqual(Base, Base with { Prompt = "Other." });
        Assert.NotEqual(Base, Base with { Enabled = false });
        Assert.NotEqual(Base, Base with { Temperature = null });
        Assert.NotEqual(Base, Base with { TopK = 41 });
        Assert.NotEqual(Base, Base with { TopP = 0.91 });
        Assert.NotEqual(Base, Base with { MaxTokens = null });
        Assert.False(Base.Equals(null));
    }

    [Fact]
    public void No_fields_changed_between_equal_states()
    {
        Assert.Empty(Base.ChangedFieldsSince(Base with { Extras = Extras(("provider", "openai"), ("region", "eu")) }));
    }

    [Fact]
    public void Changed_typed_fields_are_listed_in_field_order()
    {
        var later = Base with { MaxTokens = 1024, Model = "gpt-4.1", Temperature = null, Enabled = false };

        Assert.Equal(["model", "enabled", "temperature", "max_tokens"], later.ChangedFieldsSince(Base).ToArray());
    }

    [Fact]
    public void Every_typed_field_can_be_reported()
    {
        var other = new UseCaseState("m2", "p2", false, 1.0, 1, 0.1, 1, Base.Extras);

        Assert.Equal(["model", "prompt", "enabled", "temperature", "top_k", "top_p", "max_tokens"], other.ChangedFieldsSince(Base).ToArray());
    }

    [Fact]
    public void Added_removed_and_changed_extras_are_listed_by_key_after_typed_fields()
    {
        var later = Base with { TopK = 50, Extras = Extras(("provider", "azure"), ("alpha", "1")) };

        Assert.Equal(["top_k", "extras.alpha", "extras.provider", "extras.region"], later.ChangedFieldsSince(Base).ToArray());
    }

    [Fact]
    public void Extra_changed_to_empty_text_is_a_change()
    {
        var later = Base with { Extras = Extras(("provider", ""), ("region", "eu")) };

        Assert.Equal(["extras.provider"], later.ChangedFieldsSince(Base).ToArray());
    }

    [Fact]
    public void Changed_fields_since_null_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => Base.ChangedFieldsSince(null!));
    }

    [Theory]
    [InlineData("model", "gpt-4o")]
    [InlineData("prompt", "Summarize.")]
    [InlineData("enabled", "true")]
    [InlineData("temperature", "0.2")]
    [InlineData("top_k", "40")]
    [InlineData("top_p", "0.9")]
    [InlineData("max_tokens", "512")]
    [InlineData("extras.provider", "openai")]
    [InlineData("extras.missing", null)]
    [InlineData("unknown", null)]
    [InlineData("extras", null)]
    public void Format_field_writes_values_as_text(string field, string? expected)
    {
        Assert.Equal(expected, Base.FormatField(field));
    }

    [Fact]
    public void Format_field_of_unset_values_is_null_and_disabled_is_false()
    {
        var bare = new UseCaseState("m", "p", false, null, null, null, null, ImmutableSortedDictionary<string, string>.Empty);

        Assert.Equal("false", bare.FormatField("enabled"));
        Assert.Null(bare.FormatField("temperature"));
        Assert.Null(bare.FormatField("top_k"));
        Assert.Null(bare.FormatField("top_p"));
        Assert.Null(bare.FormatField("max_tokens"));
    }

    [Fact]
    public void Format_field_round_trips_doubles_independently_of_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var state = Base with { Temperature = 0.1 + 0.2, TopP = 1e-7 };

            Assert.Equal("0.30000000000000004", state.FormatField("temperature"));
            Assert.Equal("1E-07", state.FormatField("top_p"));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    private static ImmutableSortedDictionary<string, string> Extras(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(static e => e.Key, static e => e.Value, StringComparer.Ordinal);
}
