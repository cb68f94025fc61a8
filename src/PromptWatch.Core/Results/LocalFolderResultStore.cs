using System.Globalization;

namespace PromptWatch.Results;

/// <summary>Result files in a local folder, laid out as <see cref="EvaluationResultLayout"/> describes.</summary>
public sealed class LocalFolderResultStore : IEvaluationResultStore
{
    private readonly string _root;
    private readonly string _rootPrefix;

    private readonly EvaluationResultLayout _layout;

    /// <summary>Creates a store over <paramref name="root"/>; a missing folder holds no results.</summary>
    /// <param name="root">The folder.</param>
    /// <param name="layout">How files are named; <see cref="EvaluationResultLayout.Default"/> when <see langword="null"/>.</param>
    public LocalFolderResultStore(string root, EvaluationResultLayout? layout = null)
    {
        _layout = layout ?? EvaluationResultLayout.Default;
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        // "results/" and "results" are the same folder: keep one form, so every file under it starts with _rootPrefix.
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _rootPrefix = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
    }

    /// <inheritdoc />
    public string DisplayName => _root;

    /// <inheritdoc />
    public Task<EvaluationResultIndex> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root)) return Task.FromResult(EvaluationResultIndex.Empty);
        var results = new List<EvaluationResult>();
        foreach (var file in Directory.EnumerateFiles(_root, "*.*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!file.EndsWith(".html", StringComparison.Ordinal) && !file.EndsWith(".json", StringComparison.Ordinal)) continue;
            var key = Path.GetRelativePath(_root, file).Replace('\\', '/');
            var info = new FileInfo(file);
            // Length and last write time stand for an ETag: a file rewritten in place is read again.
            var version = string.Create(CultureInfo.InvariantCulture, $"{info.Length}-{info.LastWriteTimeUtc.Ticks}");
            if (_layout.ClassifyListed(key, info.Length, version) is { } result) results.Add(result);
        }

        return Task.FromResult(new EvaluationResultIndex(results));
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(EvaluationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_layout.Classify(result.Key) is null) throw new FileNotFoundException("Not a result file of this store.");
        var path = Path.GetFullPath(Path.Combine(_root, result.Key));
        if (!path.StartsWith(_rootPrefix, StringComparison.Ordinal)) throw new FileNotFoundException("Not a result file of this store.");
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }
}
