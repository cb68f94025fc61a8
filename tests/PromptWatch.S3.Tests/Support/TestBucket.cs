using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace PromptWatch.S3.Tests.Support;

/// <summary>A bucket of its own for one test, created and filled with the AWS SDK, deleted with its objects at the end.</summary>
internal sealed class TestBucket : IAsyncDisposable
{
    private readonly AmazonS3Client _client;

    private TestBucket(AmazonS3Client client, string name)
    {
        _client = client;
        Name = name;
    }

    public string Name { get; }

    /// <summary>A fresh random bucket name that no test uses.</summary>
    public static string RandomName(string prefix = "pw-test") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 25)];

    public static async Task<TestBucket> CreateAsync()
    {
        var client = Client();
        var name = RandomName();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return new TestBucket(client, name);
    }

    /// <summary>An SDK client for the test server, as an administrator of the test would use it.</summary>
    public static AmazonS3Client Client() => new(
        new BasicAWSCredentials(S3TestServer.AccessKey, S3TestServer.SecretKey),
        new AmazonS3Config { ServiceURL = S3TestServer.Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1", UseHttp = true });

    public Task PutAsync(string key, string content) => PutAsync(key, Encoding.UTF8.GetBytes(content));

    public async Task PutAsync(string key, byte[] content)
    {
        using var body = new MemoryStream(content);
        // Ceph 16 does not understand the SDK's default streaming upload with a checksum trailer.
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, InputStream = body, UseChunkEncoding = false, ContentType = "text/html" });
    }

    /// <summary>Uploads many small objects, 16 at a time.</summary>
    public Task PutManyAsync(IEnumerable<string> keys) =>
        Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, _) => await PutAsync(key, key));

    public Task DeleteAsync(string key) => _client.DeleteObjectAsync(Name, key);

    public async ValueTask DisposeAsync()
    {
        try
        {
            var request = new ListObjectsV2Request { BucketName = Name };
            while (true)
            {
                var page = await _client.ListObjectsV2Async(request);
                await Parallel.ForEachAsync(page.S3Objects ?? [], new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, token) => await _client.DeleteObjectAsync(Name, item.Key, token));
                if (page.IsTruncated != true) break;
                request.ContinuationToken = page.NextContinuationToken;
            }

            await _client.DeleteBucketAsync(Name);
        }
        finally
        {
            _client.Dispose();
        }
    }
}
