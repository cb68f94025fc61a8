using PromptWatch.Lifecycle;

namespace PromptWatch.Core.Tests.Lifecycle;

public sealed class LeadTimeTests
{
    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two_and_last_is_the_latest_promotion()
    {
        var leadTime = LeadTime.Of([TimeSpan.FromHours(5), TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(2)])!;
        Assert.Equal(4, leadTime.Promotions);
        Assert.Equal(TimeSpan.FromHours(2.5), leadTime.Median);
        Assert.Equal(TimeSpan.FromHours(2), leadTime.Last);
        Assert.Equal(TimeSpan.FromHours(5), leadTime.Slowest);
    }

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_one_and_none_is_no_lead_time()
    {
        Assert.Equal(TimeSpan.FromHours(3), LeadTime.Of([TimeSpan.FromHours(9), TimeSpan.FromHours(3), TimeSpan.FromHours(1)])!.Median);
        Assert.Null(LeadTime.Of([]));
    }
}
