using System.Net;
using AddonGrains.Upstream.Ocm;
using Polly;
using Polly.Timeout;

namespace AddonGrains.Upstream.Tests.Ocm;

public sealed class OcmSearchAndRetryTests
{
    [Fact]
    public void ManagedClustersOfOrganization_WithValidOrg_BuildsOrganizationIdSearchTermNotAClusterField()
    {
        Assert.Equal("organization.id='1aBcD2eFgH' and managed='true'", OcmSearch.ManagedClustersOfOrganization("1aBcD2eFgH"));
    }

    [Fact]
    public void Quote_WithEmbeddedQuote_DoublesIt()
    {
        Assert.Equal("'O''Brien'", OcmSearch.Quote("O'Brien"));
    }

    [Theory]
    [InlineData("org'1")]
    [InlineData("org 1")]
    [InlineData("org/1")]
    [InlineData("")]
    public void ManagedClustersOfOrganization_WithInvalidOrg_ThrowsArgumentExceptionNamingValue(string orgId)
    {
        var ex = Assert.Throws<ArgumentException>(() => OcmSearch.ManagedClustersOfOrganization(orgId));

        Assert.Contains($"'{orgId}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "POST", true)]
    [InlineData(503, "POST", true)]
    [InlineData(500, "POST", false)]
    [InlineData(500, "GET", true)]
    [InlineData(502, "GET", true)]
    [InlineData(404, "GET", false)]
    [InlineData(401, "GET", false)]
    [InlineData(400, "GET", false)]
    public void ShouldRetry_ForStatusAndMethod_RetriesOnlySafeCases(int status, string method, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(expected, OcmResilience.ShouldRetry(Outcome.FromResult(response), new HttpMethod(method), postIsIdempotent: false));
    }

    [Fact]
    public void ShouldRetry_ForConnectionErrorsAndTimeouts_RetriesGetOnly()
    {
        Assert.True(OcmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), HttpMethod.Get, false));
        Assert.True(OcmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), HttpMethod.Get, false));
        Assert.False(OcmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), HttpMethod.Post, false));
        Assert.False(OcmResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException()), HttpMethod.Get, false));
    }
}
