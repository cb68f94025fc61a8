namespace PromptWatch.Redis;

/// <summary>The Lua scripts of the pipeline store; Redis runs each atomically, so no replica sees a half-done write.</summary>
internal static class RedisPipelineScripts
{
    /// <summary>
    /// Raises the store's version (KEYS at the call) by one; a version key that does not exist yet starts from the
    /// server's time in microseconds, so that a store emptied and filled again never repeats a version.
    /// </summary>
    private const string Bump = """
        local function bump(key)
          if redis.call('EXISTS', key) == 0 then
            local now = redis.call('TIME')
            redis.call('SET', key, now[1] .. string.format('%06d', tonumber(now[2])))
          end
          return redis.call('INCR', key)
        end
        """;

    /// <summary>
    /// Compare and set: KEYS[1] a hash (id to JSON), KEYS[2] its time index (a sorted set), KEYS[3] the store's version,
    /// KEYS[4] an optional set the id joins (a run's jobs). When the stored JSON of ARGV[1] is ARGV[2] (empty: none
    /// stored), stores ARGV[3], indexes the id with score ARGV[4], raises the version and returns 1; otherwise changes
    /// nothing and returns 0 (another writer came first).
    /// </summary>
    public const string Put = Bump + "\n" + """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if (current or '') ~= ARGV[2] then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
        if KEYS[4] then redis.call('SADD', KEYS[4], ARGV[1]) end
        bump(KEYS[3])
        return 1
        """;

    /// <summary>
    /// Adds a deployment status: KEYS[1] the deployment's statuses (a hash), KEYS[2] the deployments, KEYS[3] the
    /// deployments whose statuses wait for them (a sorted set by the first status's time), KEYS[4] the store's version.
    /// ARGV[1] the status id, ARGV[2] its JSON, ARGV[3] the deployment id, ARGV[4] the most deployments waiting, ARGV[5]
    /// the status's time (ms). A status of a deployment not stored and not yet waiting is refused (0) when as many wait
    /// as ARGV[4] allows; otherwise 1 (and the version raised) when the status was new, 0 when it was there.
    /// </summary>
    public const string AddStatus = Bump + "\n" + """
        if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 and redis.call('EXISTS', KEYS[1]) == 0 then
          if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then return 0 end
          redis.call('ZADD', KEYS[3], ARGV[5], ARGV[3])
        end
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
        bump(KEYS[4])
        return 1
        """;

    /// <summary>
    /// Trims the store: KEYS[1..2] runs and their index, KEYS[3..4] jobs and theirs, KEYS[5..6] deployments and theirs,
    /// KEYS[7] the deployments whose statuses wait for them, KEYS[8] the store's version (raised when anything went);
    /// ARGV[1] the retention cutoff (ms), ARGV[2] the most runs (and deployments), ARGV[3] the most jobs, ARGV[4] the
    /// prefix of a run's job set, ARGV[5] that of a deployment's statuses. The oldest go first; a run's jobs go with it,
    /// a deployment's statuses with it, and statuses that waited past the retention for a deployment that never came go too.
    /// </summary>
    public const string Trim = Bump + "\n" + """
        local removed = 0
        local function drop(hash, index, id)
          redis.call('HDEL', hash, id)
          redis.call('ZREM', index, id)
          removed = removed + 1
        end
        local function oldest(index, cutoff, max)
          local ids = redis.call('ZRANGEBYSCORE', index, '-inf', '(' .. cutoff)
          local over = redis.call('ZCARD', index) - #ids - tonumber(max)
          if over > 0 then
            local more = redis.call('ZRANGE', index, #ids, #ids + over - 1)
            for _, id in ipairs(more) do table.insert(ids, id) end
          end
          return ids
        end
        for _, id in ipairs(oldest(KEYS[2], ARGV[1], ARGV[2])) do
          drop(KEYS[1], KEYS[2], id)
          local set = ARGV[4] .. id
          for _, job in ipairs(redis.call('SMEMBERS', set)) do drop(KEYS[3], KEYS[4], job) end
          redis.call('DEL', set)
        end
        for _, id in ipairs(oldest(KEYS[4], ARGV[1], ARGV[3])) do drop(KEYS[3], KEYS[4], id) end
        for _, id in ipairs(oldest(KEYS[6], ARGV[1], ARGV[2])) do
          drop(KEYS[5], KEYS[6], id)
          redis.call('DEL', ARGV[5] .. id)
          redis.call('ZREM', KEYS[7], id)
        end
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', '(' .. ARGV[1])) do
          redis.call('ZREM', KEYS[7], id)
          if redis.call('HEXISTS', KEYS[5], id) == 0 then redis.call('DEL', ARGV[5] .. id) end
          removed = removed + 1
        end
        if removed > 0 then bump(KEYS[8]) end
        return 1
        """;
}
