using System.Net;
using LiveSession.Domain.Meetings;
using LiveSession.Hub;
using LiveSession.Testing;
using ConnectionMultiplexer = StackExchange.Redis.ConnectionMultiplexer;

namespace LiveSession.Integration.Tests;

/// <summary>
/// The keys that sign every link, encrypted at rest with the install's certificate: what Redis (or a copy of its AOF)
/// holds is not enough to read a link's key, and a host without the certificate accepts no link of the meeting.
/// Its own redis-server: a key ring encrypted with this test's certificate must not reach the other tests' hosts.
/// </summary>
public sealed class DataProtectionTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"ls-dp-{Guid.NewGuid():N}.pfx");

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        DataProtectionCertificate.Write(_pfx);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        File.Delete(_pfx);
    }

    private Dictionary<string, string> WithCertificate => new() { [DataProtectionCertificate.Setting] = _pfx };

    private static async Task<HttpStatusCode> LinksStatusAsync(TestHost host, string meetingId, string token)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.GetAsync($"/api/meetings/{meetingId}/links?t={Uri.EscapeDataString(token)}");
        return response.StatusCode;
    }

    [Fact]
    public async Task Redis_holds_the_link_keys_only_encrypted_and_only_a_host_with_the_certificate_accepts_the_links()
    {
        string meetingId, chairToken;
        await using (var first = new TestHost(_redis, settings: WithCertificate))
        {
            meetingId = await first.CreateMeetingAsync();
            chairToken = first.Token(meetingId, Role.Chair);
            Assert.Equal(HttpStatusCode.OK, await LinksStatusAsync(first, meetingId, chairToken));
        }

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration))
        {
            var keys = (await redis.GetDatabase().ListRangeAsync(HostSetup.DataProtectionKeys)).Select(k => (string)k!).ToList();
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
            });
        }

        // The same install restarted (or a second host) reads the ring with the certificate: the link still opens.
        await using (var restarted = new TestHost(_redis, settings: WithCertificate))
            Assert.Equal(HttpStatusCode.OK, await LinksStatusAsync(restarted, meetingId, chairToken));

        // Someone with the data but not the certificate cannot read the key, so the chair's link is worth nothing there.
        await using var stranger = new TestHost(_redis);
        Assert.Equal(HttpStatusCode.Unauthorized, await LinksStatusAsync(stranger, meetingId, chairToken));
    }
}
