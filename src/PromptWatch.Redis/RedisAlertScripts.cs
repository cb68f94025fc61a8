namespace PromptWatch.Redis;

/// <summary>The Lua scripts of the alert store; Redis runs each atomically, so no other replica sees a half-done step.</summary>
internal static class RedisAlertScripts
{
    /// <summary>
    /// Compare and set: KEYS[1] the alerts hash (id to JSON), KEYS[2] the versions hash (id to version, none: 0), KEYS[3]
    /// the store's version. When the stored version of ARGV[1] is ARGV[2], stores the JSON ARGV[3] and the version + 1,
    /// raises the store's version and returns 1; otherwise changes nothing and returns 0.
    /// </summary>
    public const string SaveAlert = """
        local current = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
        if current ~= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
        redis.call('HSET', KEYS[2], ARGV[1], tostring(current + 1))
        redis.call('INCR', KEYS[3])
        return 1
        """;

    /// <summary>Sets the field ARGV[1] of the hash KEYS[1] (a rule or a silence) to ARGV[2] and raises the store's version KEYS[2].</summary>
    public const string SaveEntry = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('INCR', KEYS[2])
        return 1
        """;

    /// <summary>Deletes the field ARGV[1] of the hash KEYS[1]; when there was one, raises the store's version KEYS[2]. Returns 1 or 0.</summary>
    public const string DeleteEntry = """
        local deleted = redis.call('HDEL', KEYS[1], ARGV[1])
        if deleted > 0 then redis.call('INCR', KEYS[2]) end
        return deleted
        """;

    /// <summary>
    /// Deletes alerts that nobody saved since they were read: ARGV holds pairs of an id and the version read; an alert
    /// whose version is still that one is removed from KEYS[1] and KEYS[2]; when any was, the store's version KEYS[3] is
    /// raised. Returns how many were removed.
    /// </summary>
    public const string PruneAlerts = """
        local deleted = 0
        for i = 1, #ARGV, 2 do
          if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[i + 1] then
            redis.call('HDEL', KEYS[1], ARGV[i])
            redis.call('HDEL', KEYS[2], ARGV[i])
            deleted = deleted + 1
          end
        end
        if deleted > 0 then redis.call('INCR', KEYS[3]) end
        return deleted
        """;

    /// <summary>
    /// Pushes ARGV[2..] onto the head of the list KEYS[1] in order (the last ends up first: newest first) and trims it
    /// to its first ARGV[1] entries.
    /// </summary>
    public const string AppendHistory = """
        for i = 2, #ARGV do redis.call('LPUSH', KEYS[1], ARGV[i]) end
        redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
        return redis.call('LLEN', KEYS[1])
        """;
}
