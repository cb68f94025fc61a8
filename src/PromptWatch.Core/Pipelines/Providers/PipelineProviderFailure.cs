namespace PromptWatch.Pipelines;

/// <summary>What a provider refused; endpoints map each to a status code.</summary>
public enum PipelineProviderFailure
{
    /// <summary>The host's credentials were refused (502: not the caller's fault).</summary>
    Unauthorized,

    /// <summary>The credentials may not do this (403).</summary>
    Forbidden,

    /// <summary>The repository, run or job does not exist for the provider (404).</summary>
    NotFound,

    /// <summary>The provider refused the request as invalid (422).</summary>
    Invalid,

    /// <summary>The provider's rate limit is exhausted (503 with Retry-After).</summary>
    RateLimited,

    /// <summary>The provider could not be reached or failed (502).</summary>
    Unreachable,
}
