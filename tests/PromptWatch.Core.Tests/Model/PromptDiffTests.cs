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
            Row(PromptDiffRowKind.Modified, 2, "two", 2, "TWO") with { OldPieces = [Deleted("two")], NewPieces = [Inserted("TWO")] },
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

    [Fact]
    public void A_replaced_word_is_a_piece_of_its_own_between_unchanged_ones()
    {
        var row = Assert.Single(PromptDiff.Compute("Be brief and clear.", "Be short and clear.").Rows);

        Assert.Equal(PromptDiffRowKind.Modified, row.Kind);
        Assert.Equal([Unchanged("Be "), Deleted("brief"), Unchanged(" and clear.")], row.OldPieces.ToArray());
        Assert.Equal([Unchanged("Be "), Inserted("short"), Unchanged(" and clear.")], row.NewPieces.ToArray());
    }

    [Fact]
    public void An_inserted_word_leaves_the_old_line_one_unchanged_piece()
    {
        var rows = PromptDiff.Compute("Summarize the text.\nClassify the ticket.", "Summarize the text.\nClassify the support ticket.").Rows;

        Assert.Empty(rows[0].OldPieces);
        Assert.Empty(rows[0].NewPieces);
        var edited = rows[1];
        Assert.Equal(PromptDiffRowKind.Modified, edited.Kind);
        Assert.Equal([Unchanged("Classify the ticket.")], edited.OldPieces.ToArray());
        Assert.Equal([Unchanged("Classify the "), Inserted("support "), Unchanged("ticket.")], edited.NewPieces.ToArray());
    }

    [Theory]
    [InlineData("Answer in French.", "Answer in English, briefly.")]
    [InlineData("a.. b", "a . b!")]
    [InlineData(".", "x")]
    [InlineData("  two  spaces\there ", "two spaces\there")]
    [InlineData("keep\nold 1\nold 2\nend", "keep\nnew 1\nnew 2\nnew 3\nend")]
    public void The_pieces_of_a_modified_row_make_up_its_lines_and_other_rows_have_none(string oldText, string newText)
    {
        var rows = PromptDiff.Compute(oldText, newText).Rows;

        Assert.Contains(rows, static row => row.Kind == PromptDiffRowKind.Modified);
        foreach (var row in rows)
        {
            if (row.Kind != PromptDiffRowKind.Modified)
            {
                Assert.Empty(row.OldPieces);
                Assert.Empty(row.NewPieces);
                continue;
            }

            Assert.Equal(row.OldText, string.Concat(row.OldPieces.Select(static p => p.Text)));
            Assert.Equal(row.NewText, string.Concat(row.NewPieces.Select(static p => p.Text)));
            Assert.All(row.OldPieces, static p => Assert.NotEqual(PromptDiffPieceKind.Inserted, p.Kind));
            Assert.All(row.NewPieces, static p => Assert.NotEqual(PromptDiffPieceKind.Deleted, p.Kind));
            Assert.Contains(row.OldPieces.Concat(row.NewPieces), static p => p.Kind != PromptDiffPieceKind.Unchanged);
            // Neighbours of one kind are one piece.
            Assert.All(row.OldPieces.Zip(row.OldPieces.Skip(1)), static pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
            Assert.All(row.NewPieces.Zip(row.NewPieces.Skip(1)), static pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
        }
    }

    [Fact]
    public void Rows_with_other_pieces_are_not_equal()
    {
        var row = PromptDiff.Compute("Be brief.", "Be short.").Rows[0];

        Assert.Equal(row, PromptDiff.Compute("Be brief.", "Be short.").Rows[0]);
        Assert.NotEqual(row, row with { NewPieces = [Inserted("Be short.")] });
        Assert.Empty(new PromptDiffRow(PromptDiffRowKind.Modified, 1, "a", 1, "b") { OldPieces = default }.OldPieces);
    }

    private static PromptDiffPiece Unchanged(string text) => new(text, PromptDiffPieceKind.Unchanged);

    private static PromptDiffPiece Deleted(string text) => new(text, PromptDiffPieceKind.Deleted);

    private static PromptDiffPiece Inserted(string text) => new(text, PromptDiffPieceKind.Inserted);

    private static PromptDiffRow Row(PromptDiffRowKind kind, int? oldNumber, string? oldText, int? newNumber, string? newText) =>
        new(kind, oldNumber, oldText, newNumber, newText);
}
