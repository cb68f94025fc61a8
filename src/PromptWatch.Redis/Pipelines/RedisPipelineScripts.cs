namespace PromptWatch.Redis;

/// <summary>The Lua scripts of the pipeline store; Redis runs each atomically, so no replica sees a half-done write.</summary>
internal static class RedisPipelineScripts
{
    /// <summary>
    /// Compare and set: KEYS[1] a hash (id to JSON), KEYS[2] its time index (a sorted set), KEYS[3] an optional set the
    /// id joins (a run's jobs). When the stored JSON of ARGV[1] is ARGV[2] (empty: none stored), stores ARGV[3], indexes
    /// the id with score ARGV[4] and returns 1; otherwise changes nothing and returns 0 (another writer came first).
    /// </summary>
    public const string Put = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if (current or '') ~= ARGV[2] then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
        if KEYS[3] then redis.call('SADD', KEYS[3], ARGV[1]) end
        return 1
        """;

    /// <summary>
    /// Trims the store: KEYS[1..2] runs and their index, KEYS[3..4] jobs and theirs, KEYS[5..6] deployments and theirs;
    /// ARGV[1] the retention cutoff (ms), ARGV[2] the most runs (and deployments), ARGV[3] the most jobs, ARGV[4] the
    /// prefix of a run's job set, ARGV[5] that of a deployment's statuses. The oldest go first; a run's jobs go with it.
    /// </summary>
    public const string Trim = """
        local function drop(hash, index, id)
          redis.call('HDEL', hash, id)
          redis.call('ZREM', index, id)
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
        end
        return 1
        """;
}
