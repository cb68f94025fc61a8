using PromptWatch.Model;

namespace PromptWatch.Tests.Model;

public sealed class PromptDiffTests
{
    [Fact]
    public void Equal_prompts_have_only_unchanged_rows()
    {
        var diff = PromptDiff.Compute("one\ntwo", "one\ntwo");

        Assert.False(diff.HasChanges);
        Assert.Equal(
            [Row(PromptDiffRowKind.Unchanged, 1, "one", 1, "one"), Row(PromptDiffRowKind.Unchanged, 2, "two", 2, "two")],
            diff.Rows.ToArray());
        Assert.Equal("  one\n  two\n", diff.ToUnifiedText());
    }

    [Fact]
    public void Edited_line_is_a_modified_row()
    {
        var diff = PromptDiff.Compute("one\ntwo\nthree", "one\nTWO\nthree");

        Assert.True(diff.HasChanges);
        Assert.Equal(
        [
            Row(PromptDiffRowKind.Unchanged, 1, "one", 1, "one"),
            Row(PromptDiffRowKind.Modified, 2, "two", 2, "TWO"),
            Row(PromptDiffRowKind.Unchanged, 3, "three", 3, "three"),
        ], diff.Rows.ToArray());
        Assert.Equal("  one\n- two\n+ TWO\n  three\n", diff.ToUnifiedText());
    }

    [Fact]
    public void Inserted_line_has_no_old_side_and_later_numbers_shift()
    {
        var diff = PromptDiff.Compute("one\nthree", "one\ntwo\nthree");

        Assert.Equal(
        [
            Row(PromptDiffRowKind.Unchanged, 1, "one", 1, "one"),
            Row(PromptDiffRowKind.Inserted, null, null, 2, "two"),
            Row(PromptDiffRowKind.Unchanged, 2, "three", 3, "three"),
        ], diff.Rows.ToArray());
        Assert.Equal("  one\n+ two\n  three\n", diff.ToUnifiedText());
    }

    [Fact]
    public void Deleted_line_has_no_new_side_and_later_numbers_shift()
    {
        var diff = PromptDiff.Compute("one\ntwo\nthree", "one\nthree");

        Assert.Equal(
        [
            Row(PromptDiffRowKind.Unchanged, 1, "one", 1, "one"),
            Row(PromptDiffRowKind.Deleted, 2, "two", null, null),
            Row(PromptDiffRowKind.Unchanged, 3, "three", 2, "three"),
        ], diff.Rows.ToArray());
        Assert.Equal("  one\n- two\n  three\n", diff.ToUnifiedText());
    }

    [Fact]
    public void Prompt_against_nothing_is_all_inserted()
    {
        var diff = PromptDiff.Compute(null, "a\nb");

        Assert.Equal([Row(PromptDiffRowKind.Inserted, null, null, 1, "a"), Row(PromptDiffRowKind.Inserted, null, null, 2, "b")], diff.Rows.ToArray());
        Assert.Equal("+ a\n+ b\n", diff.ToUnifiedText());
    }

    [Fact]
    public void Prompt_to_nothing_is_all_deleted()
    {
        var diff = PromptDiff.Compute("a\nb", null);

        Assert.Equal([Row(PromptDiffRowKind.Deleted, 1, "a", null, null), Row(PromptDiffRowKind.Deleted, 2, "b", null, null)], diff.Rows.ToArray());
        Assert.Equal("- a\n- b\n", diff.ToUnifiedText());
    }

    [Fact]
    public void Nothing_against_nothing_has_no_changes()
    {
        var diff = PromptDiff.Compute(null, string.Empty);

        Assert.False(diff.HasChanges);
        Assert.Equal(string.Empty, diff.ToUnifiedText());
    }

    [Fact]
    public void Replaced_block_of_unequal_length_pairs_lines_then_inserts()
    {
        var diff = PromptDiff.Compute("keep\nold 1\nold 2\nend", "keep\nnew 1\nnew 2\nnew 3\nend");

        Assert.Equal(
        [
            PromptDiffRowKind.Unchanged, PromptDiffRowKind.Modified, PromptDiffRowKind.Modified,
            PromptDiffRowKind.Inserted, PromptDiffRowKind.Unchanged,
        ], diff.Rows.Select(static r => r.Kind));
        Assert.Equal((4, 5), (diff.Rows[^1].OldNumber, diff.Rows[^1].NewNumber));
        Assert.Equal("  keep\n- old 1\n+ new 1\n- old 2\n+ new 2\n+ new 3\n  end\n", diff.ToUnifiedText());
    }

    [Fact]
    public void Whitespace_and_case_changes_count()
    {
        Assert.True(PromptDiff.Compute("Be brief.", "be brief.").HasChanges);
        Assert.True(PromptDiff.Compute("Be brief.", "Be  brief.").HasChanges);
    }

    private static PromptDiffRow Row(PromptDiffRowKind kind, int? oldNumber, string? oldText, int? newNumber, string? newText) =>
        new(kind, oldNumber, oldText, newNumber, newText);
}
