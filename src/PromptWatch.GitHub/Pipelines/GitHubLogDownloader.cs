using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using PromptWatch.Pipelines;
using PromptWatch.Pipelines.Diagnostics;

namespace PromptWatch.GitHub.Pipelines;

/// <summary>
/// Downloads logs: GitHub answers the log endpoints with a 302 to a short-lived signed address on another host, which
/// is followed by hand WITHOUT the <c>Authorization</c> header (the address carries its own signature; the token must
/// not leave for another host). Texts are capped at <see cref="PipelineOptions.MaxLogBytes"/>, keeping the end, where the errors are.
/// </summary>
internal sealed class GitHubLogDownloader(GitHubActionsConnection connection, GitHubApiTraffic traffic, TimeProvider timeProvider)
{
    private const int MaxRedirects = 3;

    /// <summary>The most an archive of a run's logs may hold, compressed.</summary>
    private const long MaxArchiveBytes = 256L * 1024 * 1024;

    /// <summary>One job's log.</summary>
    public async Task<PipelineJobLog> JobLogAsync(GitHubRepositoryName repository, long jobId, string jobName, int maxBytes, CancellationToken cancellationToken)
    {
        var what = $"download the log of job {jobId} of {repository.FullName}";
        using var response = await SendAsync($"repos/{repository.Owner}/{repository.Name}/actions/jobs/{jobId.ToString(CultureInfo.InvariantCulture)}/logs", what, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var (text, truncated) = await ReadTailAsync(body, maxBytes, cancellationToken).ConfigureAwait(false);
        return new PipelineJobLog(jobId, jobName, text, truncated);
    }

    /// <summary>
    /// The run's log archive, split per job (its top-level <c>N_job name.txt</c> files); empty when the archive holds
    /// none. Jobs are matched to <paramref name="jobs"/> by name.
    /// </summary>
    public async Task<IReadOnlyList<PipelineJobLog>> RunLogsAsync(GitHubRepositoryName repository, long runId, IReadOnlyList<PipelineJob> jobs, int maxBytes, CancellationToken cancellationToken)
    {
        var what = $"download the logs of run {runId} of {repository.FullName}";
        using var response = await SendAsync($"repos/{repository.Owner}/{repository.Name}/actions/runs/{runId.ToString(CultureInfo.InvariantCulture)}/logs", what, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxArchiveBytes) throw new PipelineProviderException(PipelineProviderFailure.Invalid, $"The log archive of run {runId} is larger than {MaxArchiveBytes / (1024 * 1024)} MiB; read the logs per job.");
        var archive = new MemoryStream();
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            await CopyBoundedAsync(body, archive, MaxArchiveBytes, cancellationToken).ConfigureAwait(false);
        }

        archive.Position = 0;
        var logs = new List<PipelineJobLog>();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new PipelineProviderException(PipelineProviderFailure.Invalid, $"GitHub's log archive of run {runId} is no zip archive.", null, e);
        }

        using (zip)
        {
            foreach (var entry in zip.Entries.Where(static e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).OrderBy(static e => e.Name, StringComparer.Ordinal))
            {
                var name = JobNameOf(entry.Name);
                await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                var (text, truncated) = await ReadTailAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
                var job = jobs.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal) || string.Equals(Sanitized(j.Name), name, StringComparison.Ordinal));
                logs.Add(new PipelineJobLog(job?.Id, job?.Name ?? name, text, truncated));
            }
        }

        return logs;
    }

    /// <summary>GETs <paramref name="relative"/>, following redirects to other hosts without the token; a failure becomes a <see cref="PipelineProviderException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(string relative, string what, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        using var activity = PipelineActivities.StartProviderCall(GitHubFailures.Provider, PipelineActivities.Operation(operation));
        try
        {
            return await SendTracedAsync(relative, what, cancellationToken).ConfigureAwait(false);
        }
        catch (PipelineProviderException e)
        {
            activity.RecordFailure(e);
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendTracedAsync(string relative, string what, CancellationToken cancellationToken)
    {
        var request = connection.ApiRequest(relative);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                HttpResponseMessage response;
                using (request)
                {
                    response = await connection.Logs.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }

                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && redirects < MaxRedirects)
                {
                    var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
                    response.Dispose();
                    request = new HttpRequestMessage(HttpMethod.Get, target);
                    // Only the API's own host gets the token again; a signed address elsewhere gets no credentials.
                    if (Uri.Compare(target, connection.BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
                    {
                        request.Dispose();
                        request = connection.ApiRequest(target.AbsoluteUri);
                    }

                    continue;
                }

                if (response.IsSuccessStatusCode)
                {
                    traffic.Succeeded();
                    return response;
                }

                using (response)
                {
                    throw Refusal(response, what);
                }
            }
        }
        catch (HttpRequestException e)
        {
            throw Failed(new PipelineProviderException(PipelineProviderFailure.Unreachable, $"GitHub could not be reached to {what} ({e.HttpRequestError}).", null, e));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(new PipelineProviderException(PipelineProviderFailure.Unreachable, $"GitHub did not answer in time to {what}.", null, e));
        }
    }

    private PipelineProviderException Refusal(HttpResponseMessage response, string what)
    {
        var remaining = response.Headers.TryGetValues("x-ratelimit-remaining", out var values) ? values.FirstOrDefault() : null;
        var failure = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => PipelineProviderFailure.Unauthorized,
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests when remaining == "0" || response.StatusCode == HttpStatusCode.TooManyRequests => PipelineProviderFailure.RateLimited,
            HttpStatusCode.Forbidden => PipelineProviderFailure.Forbidden,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => PipelineProviderFailure.NotFound,
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict => PipelineProviderFailure.Invalid,
            _ => PipelineProviderFailure.Unreachable,
        };
        var exception = new PipelineProviderException(failure, $"GitHub answered {(int)response.StatusCode} ({response.ReasonPhrase}) when asked to {what}.", failure == PipelineProviderFailure.RateLimited ? RetryAfter(response) : null);
        return failure is PipelineProviderFailure.NotFound or PipelineProviderFailure.Invalid ? exception : Failed(exception);
    }

    private PipelineProviderException Failed(PipelineProviderException exception)
    {
        traffic.Failed(new GitHubApiFailure(exception.Failure, exception.Message, timeProvider.GetUtcNow()));
        return exception;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta) return delta;
        var reset = traffic.RateLimit.Reset;
        return reset is { } r && r > timeProvider.GetUtcNow() ? r - timeProvider.GetUtcNow() : null;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Found or HttpStatusCode.MovedPermanently or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.SeeOther;

    /// <summary>The job's name in an archive entry such as <c>3_build (ubuntu).txt</c>.</summary>
    internal static string JobNameOf(string entryName)
    {
        var name = entryName[..^".txt".Length];
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && name[..underscore].All(char.IsAsciiDigit) ? name[(underscore + 1)..] : name;
    }

    /// <summary>A job name as the archive spells it: characters a file name cannot hold become spaces or are dropped.</summary>
    private static string Sanitized(string name) => name.Replace('/', ' ').Replace(':', ' ').Replace('\\', ' ').Replace('*', ' ').Replace('?', ' ').Replace('"', ' ').Replace('<', ' ').Replace('>', ' ').Replace('|', ' ');

    /// <summary>Reads <paramref name="stream"/> keeping its last <paramref name="maxBytes"/> bytes, cut at a line start when cut.</summary>
    internal static async Task<(string Text, bool Truncated)> ReadTailAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var ring = new byte[maxBytes];
        long total = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var offset = 0; offset < read;)
            {
                var at = (int)(total % maxBytes);
                var count = Math.Min(read - offset, maxBytes - at);
                Buffer.BlockCopy(buffer, offset, ring, at, count);
                offset += count;
                total += count;
            }
        }

        if (total <= maxBytes) return (Encoding.UTF8.GetString(ring, 0, (int)total), false);
        var start = (int)(total % maxBytes);
        var tail = new byte[maxBytes];
        Buffer.BlockCopy(ring, start, tail, 0, maxBytes - start);
        Buffer.BlockCopy(ring, 0, tail, maxBytes - start, start);
        var newline = Array.IndexOf(tail, (byte)'\n');
        var from = newline >= 0 && newline < tail.Length - 1 ? newline + 1 : 0;
        return (Encoding.UTF8.GetString(tail, from, tail.Length - from), true);
    }

    private static async Task CopyBoundedAsync(Stream source, Stream target, long max, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > max) throw new PipelineProviderException(PipelineProviderFailure.Invalid, $"A log archive is larger than {max / (1024 * 1024)} MiB; read the logs per job.");
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
