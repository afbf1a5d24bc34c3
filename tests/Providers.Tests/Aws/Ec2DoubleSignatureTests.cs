using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using MultiCloud.CloudDoubles.Aws;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>The EC2 double refuses what EC2 refuses about signatures, so a signing bug in a client cannot pass against it.</summary>
public sealed class Ec2DoubleSignatureTests : IAsyncLifetime
{
    private AwsTestCloud cloud = null!;

    public async Task InitializeAsync() => cloud = await AwsTestCloud.StartAsync();

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    private AmazonEC2Client Client(HttpMessageHandler handler, string secret = AwsTestCloud.SecretKey) =>
        new(new BasicAWSCredentials(AwsTestCloud.AccessKeyId, secret), new AmazonEC2Config
        {
            ServiceURL = cloud.Aws.Ec2Endpoint.AbsoluteUri,
            AuthenticationRegion = "eu-central-1",
            HttpClientFactory = new HandlerFactory(handler),
            MaxErrorRetry = 0,
        });

    private HttpMessageHandler Transport() =>
        ProviderHttp.CreateHandler(new ProviderSpec { Name = "test", Type = ProviderType.Aws, Settings = cloud.Aws.ProviderSettings() });

    [Fact]
    public async Task DescribeVpcs_SignedByTheSdk_Answered()
    {
        using var ec2 = Client(Transport());

        var answer = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest());

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.HttpStatusCode);
    }

    [Fact]
    public async Task Request_BodyChangedAfterSigning_SignatureDoesNotMatch()
    {
        using var ec2 = Client(new Tamper(Transport(), body => body.Replace("Action=DescribeVpcs", "Action=DescribeVpcs&VpcId.1=vpc-0123456789abcdef0")));

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutAuthorization_MissingAuthenticationToken()
    {
        using var http = new HttpClient(Transport());

        var answer = await http.PostAsync(cloud.Aws.Ec2Endpoint, new StringContent("Action=DescribeVpcs&Version=2016-11-15", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_SignedTwentyMinutesAgo_RequestExpired()
    {
        cloud.Aws.Ec2.Clock = () => DateTimeOffset.UtcNow.AddMinutes(20);
        using var ec2 = Client(Transport());

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Equal("RequestExpired", error.ErrorCode);
    }

    [Fact]
    public async Task Request_WrongSecret_SignatureDoesNotMatchWithARequestId()
    {
        using var ec2 = Client(Transport(), secret: "wrong/secret/0123456789abcdefghijklmnop");

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    private sealed class HandlerFactory : HttpClientFactory
    {
        private readonly HttpMessageHandler handler;

        public HandlerFactory(HttpMessageHandler handler) => this.handler = handler;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }

    /// <summary>Changes the signed body on its way, as a man in the middle (or a client bug) would.</summary>
    private sealed class Tamper : DelegatingHandler
    {
        private readonly Func<string, string> change;

        public Tamper(HttpMessageHandler inner, Func<string, string> change) : base(inner) => this.change = change;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var headers = request.Content.Headers.ToList();
            request.Content = new StringContent(change(body), Encoding.UTF8);
            request.Content.Headers.Clear();
            foreach (var header in headers.Where(h => h.Key != "Content-Length")) request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
