namespace PromptWatch.S3;

/// <summary>
/// The checks <c>AddS3EvaluationResults()</c> applies to its settings, for an integration that builds S3 stores of its
/// own (<see cref="AwsS3ResultStore"/>, <see cref="MinioResultStore"/>) from settings it binds elsewhere, and validates
/// them when the host starts with messages that name its own settings.
/// </summary>
public static class S3ResultStoreChecks
{
    /// <summary>
    /// Problems with the settings stores of one kind share (<c>Region</c>, <c>CaBundlePath</c>, <c>PresignedUrlLifetime</c>,
    /// <c>MaxListedObjects</c>, <c>Timeout</c>), one sentence each naming the setting under <paramref name="section"/>.
    /// </summary>
    /// <param name="options">The shared settings.</param>
    /// <param name="section">The configuration section they bind from, named in the messages.</param>
    /// <returns>The problems; empty when the settings are valid.</returns>
    public static IReadOnlyList<string> CheckSharedSettings(S3ResultStoreOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        return [.. S3ResultStoreOptionsValidator.CheckShared(options, section)];
    }

    /// <summary>Why <paramref name="bucket"/> breaks the S3 bucket naming rules, or <see langword="null"/> when it follows them.</summary>
    /// <param name="bucket">A bucket name.</param>
    /// <returns>The reason, as a clause such as <c>it must be 3 to 63 characters long</c>, or <see langword="null"/>.</returns>
    public static string? BucketNameProblem(string? bucket) => S3ResultStoreOptionsValidator.BucketNameProblem(bucket);
}
