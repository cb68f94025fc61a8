using System.Text.Json.Serialization;

namespace PromptWatch.AspNetCore.Api.Schemas;

/// <summary>One row of a prompt diff; a modified row also has its words as pieces.</summary>
internal sealed record DiffRow(
    [property: JsonPropertyName("kind")] DiffRowKindName Kind,
    [property: JsonPropertyName("old_number")] int? OldNumber,
    [property: JsonPropertyName("old_text")] string? OldText,
    [property: JsonPropertyName("new_number")] int? NewNumber,
    [property: JsonPropertyName("new_text")] string? NewText,
    [property: JsonPropertyName("old_pieces")] IReadOnlyList<DiffPiece>? OldPieces,
    [property: JsonPropertyName("new_pieces")] IReadOnlyList<DiffPiece>? NewPieces);

/// <summary>A word piece of a modified diff row: <c>type</c> is unchanged, inserted or deleted.</summary>
internal sealed record DiffPiece(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("type")] string Type);
