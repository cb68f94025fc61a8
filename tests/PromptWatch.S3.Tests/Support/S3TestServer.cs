namespace PromptWatch.S3.Tests.Support;

/// <summary>The real S3 server the tests run against, from the environment the test script sets.</summary>
internal static class S3TestServer
{
    public const string EndpointVariable = "PROMPTWATCH_TEST_S3_ENDPOINT";
    public const string AccessKeyVariable = "PROMPTWATCH_TEST_S3_ACCESS_KEY";
    public const string SecretKeyVariable = "PROMPTWATCH_TEST_S3_SECRET_KEY";

    /// <summary>The server's endpoint.</summary>
    public static string Endpoint => Read(EndpointVariable);

    /// <summary>An access key of a user of the server.</summary>
    public static string AccessKey => Read(AccessKeyVariable);

    /// <summary>That user's secret key.</summary>
    public static string SecretKey => Read(SecretKeyVariable);

    /// <summary>Options for <paramref name="bucket"/> on the server.</summary>
    public static S3ResultStoreOptions Options(string bucket) => new()
    {
        Endpoint = Endpoint,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        Bucket = bucket,
    };

    private static string Read(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) return value;
        var missing = new[] { EndpointVariable, AccessKeyVariable, SecretKeyVariable }.Where(static v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        throw new InvalidOperationException(
            $"{string.Join(", ", missing)} not set. The S3 tests run against a real S3 server (a single-node Ceph radosgw) that the test script starts: " +
            "run ./build.sh test, or start one with scripts/s3-server.sh start <folder> and export its settings with set -a; . <folder>/env; set +a " +
            $"to set {EndpointVariable}, {AccessKeyVariable} and {SecretKeyVariable}.");
    }
}
