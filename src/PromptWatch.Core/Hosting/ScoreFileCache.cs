using System.Collections.Frozen;
using System.Globalization;
using PromptWatch.Results;

namespace PromptWatch.Hosting;

/// <summary>
/// The score files of one store, read once per object: a file is fetched again only when a listing shows it with another
/// version (ETag, or length and write time). Files over the size cap are not fetched at all; any failure becomes the
/// file's error, never the listing's.
/// </summary>
internal sealed class ScoreFileCache(IEvaluationResultStore store, long maxBytes)
{
    private FrozenDictionary<string, (string Version, ScoreFile File)> _files = FrozenDictionary<string, (string, ScoreFile)>.Empty;

    /// <summary>The score files of the last listing, by key.</summary>
    public FrozenDictionary<string, ScoreFile> Files { get; private set; } = FrozenDictionary<string, ScoreFile>.Empty;

    /// <summary>How many files were fetched since the store was created.</summary>
    public int Reads { get; private set; }

    /// <summary>Brings the cache to <paramref name="index"/>: new or changed score files are read, vanished ones dropped.</summary>
    public async Task UpdateAsync(EvaluationResultIndex index, CancellationToken cancellationToken)
    {
        var next = new Dictionary<string, (string Version, ScoreFile File)>(StringComparer.Ordinal);
        foreach (var result in index.All)
        {
            if (result.Kind != EvaluationResultKind.Scores) continue;
            var version = result.Version ?? result.Size?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            if (_files.TryGetValue(result.Key, out var known) && known.Version.Length > 0 && known.Version == version)
            {
                next[result.Key] = known;
                continue;
            }

            next[result.Key] = (version, await ReadAsync(result, cancellationToken).ConfigureAwait(false));
        }

        _files = next.ToFrozenDictionary(StringComparer.Ordinal);
        Files = next.ToFrozenDictionary(static p => p.Key, static p => p.Value.File, StringComparer.Ordinal);
    }

    private async Task<ScoreFile> ReadAsync(EvaluationResult result, CancellationToken cancellationToken)
    {
        if (result.Size > maxBytes) return ScoreFile.Failed(TooLarge(result.Size.Value));
        try
        {
            Reads++;
            var stream = await store.OpenReadAsync(result, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > maxBytes) return ScoreFile.Failed(TooLarge(null));
                }

                return ScoreFileReader.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An unreadable score file is that file's error; the listing goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ScoreFile.Failed($"The score file could not be read: {e.Message}");
        }
    }

    private string TooLarge(long? size) => size is { } bytes
        ? string.Create(CultureInfo.InvariantCulture, $"The score file is {bytes} bytes, over the limit of {maxBytes} (PromptWatch:MaxScoreFileBytes).")
        : string.Create(CultureInfo.InvariantCulture, $"The score file is over the limit of {maxBytes} bytes (PromptWatch:MaxScoreFileBytes).");
}
