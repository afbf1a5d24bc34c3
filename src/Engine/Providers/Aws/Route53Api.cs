using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// Route53's REST XML API (2013-04-01) over HttpClient with the provider's transport. No Route53 package restores
    /// here, so each request is signed with AWSSDK.Core's own SigV4 signer (<see cref="AWS4Signer"/>) from the same
    /// identity the EC2 client uses; the session token of temporary credentials goes in <c>X-Amz-Security-Token</c>.
    /// Throttling (<c>Throttling</c>, <c>PriorRequestNotComplete</c>) and 5xx answers are retried with exponential
    /// backoff, honouring <c>Retry-After</c>; everything else becomes a <see cref="CloudException"/> with the request id.
    /// </summary>
    internal sealed class Route53Api : IDisposable
    {
        public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";
        public const int MaxRetries = 4;
        private const string SigningName = "route53";

        private readonly AwsSettings settings;
        private readonly AwsIdentity identity;
        private readonly ProviderContext context;
        private readonly HttpClient http;
        private readonly IClientConfig signingConfig;

        public Route53Api(AwsSettings settings, AwsIdentity identity, HttpMessageHandler handler, ProviderContext context)
        {
            this.settings = settings;
            this.identity = identity;
            this.context = context;
            http = new HttpClient(handler, disposeHandler: false);
            // The signer reads only the signing region and service name from a client config; no EC2 call is made with it.
            signingConfig = new AmazonEC2Config { ServiceURL = settings.Route53Endpoint.AbsoluteUri, AuthenticationRegion = settings.Route53Region, AuthenticationServiceName = SigningName };
        }

        /// <summary>Baseline pause before a retry, doubled each time, with jitter (0.15–0.3 s, then 0.3–0.6 s, …).</summary>
        private static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(300);

        public Task<XDocument> GetAsync(string operation, string path, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken) =>
            SendAsync(operation, HttpMethod.Get, path, query, null, cancellationToken);

        public Task<XDocument> PostAsync(string operation, string path, XDocument body, CancellationToken cancellationToken) =>
            SendAsync(operation, HttpMethod.Post, path, new Dictionary<string, string>(), body, cancellationToken);

        private async Task<XDocument> SendAsync(string operation, HttpMethod method, string path, IReadOnlyDictionary<string, string> query, XDocument? body, CancellationToken cancellationToken)
        {
            var content = body is null ? null : Encoding.UTF8.GetBytes(body.Declaration + body.ToString(SaveOptions.DisableFormatting));
            context.Log.Write(LogLevel.Verbose, $"provider {settings.Provider} (aws): Route53 {operation}");
            var random = new Random();
            for (var attempt = 0; ; attempt++)
            {
                using var request = await SignedRequestAsync(method, path, query, content, cancellationToken).ConfigureAwait(false);
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw Logged(AwsErrors.Map(e, settings.Provider, "Route53 " + operation));
                }
                using (response)
                {
                    var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
                    if (response.IsSuccessStatusCode) return Parse(text) ?? new XDocument();
                    var (code, message) = ReadError(text, (int)response.StatusCode);
                    var retryable = code is "Throttling" or "ThrottlingException" or "PriorRequestNotComplete" || (int)response.StatusCode >= 500;
                    if (!retryable || attempt >= MaxRetries)
                        throw Logged(AwsErrors.FromCode(code, message, (int)response.StatusCode, requestId ?? ReadRequestId(text), settings.Provider, "Route53 " + operation, new PoolFields()));
                    var pause = response.Headers.RetryAfter?.Delta
                        ?? TimeSpan.FromMilliseconds(RetryBase.TotalMilliseconds * Math.Pow(2, attempt) * (0.5 + random.NextDouble() / 2));
                    context.Log.Write(LogLevel.Verbose, $"provider {settings.Provider} (aws): Route53 {operation} answered {code}; asking again in {pause.TotalSeconds:0.##} s");
                    await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>The request as AWSSDK.Core signs it: host, X-Amz-Date, x-amz-content-sha256 and Authorization set by the signer.</summary>
        private async Task<HttpRequestMessage> SignedRequestAsync(HttpMethod method, string path, IReadOnlyDictionary<string, string> query, byte[]? content, CancellationToken cancellationToken)
        {
            var credentials = await (await identity.CredentialsAsync(cancellationToken).ConfigureAwait(false)).GetCredentialsAsync().ConfigureAwait(false);
            var signed = new DefaultRequest(new Route53Call(), "Route53")
            {
                HttpMethod = method.Method,
                Endpoint = settings.Route53Endpoint,
                ResourcePath = path,
                UseQueryString = method == HttpMethod.Get,
                AuthenticationRegion = settings.Route53Region,
                OverrideSigningServiceName = SigningName,
            };
            foreach (var parameter in query) signed.Parameters[parameter.Key] = parameter.Value;
            if (content != null)
            {
                signed.Content = content;
                signed.Headers["Content-Type"] = "text/xml";
            }
            if (credentials.UseToken) signed.Headers["X-Amz-Security-Token"] = credentials.Token;
            var signature = new AWS4Signer().SignRequest(signed, signingConfig, null, credentials.AccessKey, credentials.SecretKey);
            signed.Headers["Authorization"] = signature.ForAuthorizationHeader;

            var message = new HttpRequestMessage(method, AmazonServiceClient.ComposeUrl(signed));
            if (content != null) message.Content = new ByteArrayContent(content);
            foreach (var header in signed.Headers)
            {
                if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)) continue; // HttpClient sends the same host[:port]
                if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    if (message.Content != null && header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                        message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(header.Value);
                    continue;
                }
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            return message;
        }

        private static XDocument? Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            try
            {
                return XDocument.Parse(text);
            }
            catch (XmlException)
            {
                return null;
            }
        }

        /// <summary>Route53's two error shapes: <c>ErrorResponse/Error/{Code,Message}</c> and <c>InvalidChangeBatch/Messages/Message</c>.</summary>
        private static (string? Code, string Message) ReadError(string text, int status)
        {
            var document = Parse(text);
            var root = document?.Root;
            if (root is null) return (null, $"HTTP {status}");
            if (root.Name.LocalName == "InvalidChangeBatch")
                return ("InvalidChangeBatch", string.Join("; ", root.Descendants().Where(e => e.Name.LocalName == "Message").Select(e => e.Value)));
            var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            return (Child(error, "Code"), Child(error, "Message") ?? $"HTTP {status}");
        }

        private static string? ReadRequestId(string text) => Parse(text)?.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;

        public static string? Child(XElement? element, string name) => element?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        private CloudException Logged(CloudException error)
        {
            context.Log.Write(LogLevel.Warning, error.Message);
            return error;
        }

        public void Dispose() => http.Dispose();

        /// <summary>The SDK's request type needs an originating request object; Route53 calls have no SDK model here.</summary>
        private sealed class Route53Call : AmazonWebServiceRequest
        {
        }
    }
}
