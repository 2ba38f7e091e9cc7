using System.IO.Pipelines;
using CniBot.Redis;
using StackExchange.Redis;

namespace CniBot.Tests.State;

/// <summary>Which failures of a Redis command count as an outage (degrade) rather than a bug (500).</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public void AWriteToTheClosedSocketsPipe_IsAnOutage()
    {
        // What StackExchange.Redis throws, unwrapped, when Redis is killed while a command is being written.
        var pipe = new Pipe();
        pipe.Writer.Complete();
        var closed = Assert.Throws<InvalidOperationException>(() => pipe.Writer.GetSpan());

        Assert.True(RedisConnection.IsOutage(closed));
    }

    [Fact]
    public void OtherInvalidOperations_AreNotOutages()
    {
        var bug = Assert.Throws<InvalidOperationException>(() => new List<int>().First());

        Assert.False(RedisConnection.IsOutage(bug));
        Assert.False(RedisConnection.IsOutage(new InvalidOperationException("Writing is not allowed after writer was completed.")));
    }

    [Theory]
    [InlineData("READONLY You can't write against a read only replica.", true)]
    [InlineData("OOM command not allowed when used memory > 'maxmemory'.", true)]
    [InlineData("LOADING Redis is loading the dataset in memory", true)]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", false)]
    public void ServerErrors_AreOutagesOnlyWhenTheyPass(string message, bool outage) =>
        Assert.Equal(outage, RedisConnection.IsOutage(new RedisServerException(message)));

    [Fact]
    public void Timeouts_AreShortByDefault_AndTheConnectionStringsOwnAreKept()
    {
        var defaults = RedisConnection.Configuration("127.0.0.1:6379,password=secret");
        Assert.Equal(RedisConnection.DefaultTimeoutMs, defaults.ConnectTimeout);
        Assert.Equal(RedisConnection.DefaultTimeoutMs, defaults.SyncTimeout);
        Assert.Equal(RedisConnection.DefaultTimeoutMs, defaults.AsyncTimeout);
        Assert.False(defaults.AbortOnConnectFail);
        Assert.Equal("secret", defaults.Password);

        var own = RedisConnection.Configuration("127.0.0.1:6379, AsyncTimeout=15000,syncTimeout=9000");
        Assert.Equal(15000, own.AsyncTimeout);
        Assert.Equal(9000, own.SyncTimeout);
        Assert.Equal(RedisConnection.DefaultTimeoutMs, own.ConnectTimeout);
    }
}
