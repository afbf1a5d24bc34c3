using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers
{
    /// <summary>An error as a REST API reports it: its own code and message.</summary>
    public sealed record RestError(string Code, string Message);

    /// <summary>What differs between the REST APIs MultiCloud calls without an SDK: how they report errors, ids and rate limits.</summary>
    public interface IRestDialect
    {
        /// <summary>The response header holding the API's request id.</summary>
        string RequestIdHeader { get; }

        /// <summary>The error in a failed response's body, or null when the body holds none.</summary>
        RestError? ReadError(JsonElement? body);

        /// <summary>The error id for a refused call when the API's code says more than the status (quota, auth); null for the usual mapping.</summary>
        string? Classify(int status, RestError error);

        /// <summary>How long the API asks the client to wait before the next call, if it says.</summary>
        TimeSpan? RetryAfter(HttpResponseMessage response);
    }

    /// <summary>
    /// A JSON REST API reached with a bearer token from the provider's credentials, over <see cref="ProviderHttp"/>:
    /// retries throttling and 5xx with backoff (honouring what the API asks), turns every failure into a
    /// <see cref="CloudException"/> with provider, operation, status and request id, and logs each call without
    /// bodies or headers (bodies carry user data with private host keys; headers carry the token).
    /// </summary>
    public sealed class RestApiClient : IDisposable
    {
        private readonly ProviderSpec spec;
        private readonly ProviderContext context;
        private readonly string tokenKey;
        private readonly IRestDialect dialect;
        private readonly HttpClient http;
        private readonly SemaphoreSlim tokenGate = new SemaphoreSlim(1, 1);
        private string? token;

        public RestApiClient(ProviderSpec spec, ProviderContext context, Uri baseAddress, string tokenKey, IRestDialect dialect, RetryPolicy retry)
        {
            this.spec = spec;
            this.context = context;
            this.tokenKey = tokenKey;
            this.dialect = dialect;
            Retry = retry;
            http = new HttpClient(ProviderHttp.CreateHandler(spec)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
        }

        public RetryPolicy Retry { get; }

        public string Provider => spec.Name;

        /// <summary>
        /// Sends one call and returns the JSON body (null for an empty one). With <paramref name="absentIsNull"/> a 404
        /// returns null instead of failing (deleting or looking up what may be gone).
        /// </summary>
        public async Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonNode? body, string operation, CancellationToken cancellationToken,
            bool absentIsNull = false)
        {
            var bearer = await TokenAsync(cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(method, path.TrimStart('/'));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                if (body != null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                var stopwatch = Stopwatch.StartNew();
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
                {
                    throw CloudErrors.Create(ErrorIds.CloudConfigurationInvalid, ErrorKind.Security, spec.Name, operation,
                        $"the TLS certificate of {http.BaseAddress} could not be verified ({e.InnerException.Message})",
                        $"check the endpoint; a cloud behind a private CA needs its CA certificate in the {ProviderHttp.TrustedCaFileSetting} setting", inner: e);
                }
                catch (HttpRequestException e) when (attempt < Retry.MaxAttempts)
                {
                    await WaitAsync(operation, attempt, null, "cannot connect: " + e.Message, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (HttpRequestException e)
                {
                    throw CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Connection, spec.Name, operation,
                        $"{http.BaseAddress} could not be reached after {attempt} attempts ({e.Message})", "check the endpoint and the network, then run again", inner: e);
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
                    context.Log.Write(LogLevel.Debug, $"{spec.Name}: {method} {Shorten(path)} -> {status} ({stopwatch.Elapsed.TotalSeconds:0.00} s)");
                    if (response.IsSuccessStatusCode) return json;
                    if (status == 404 && absentIsNull) return null;

                    var error = dialect.ReadError(json) ?? new RestError(status.ToString(CultureInfo.InvariantCulture), response.ReasonPhrase ?? "no message");
                    var transient = status == 429 || status >= 500;
                    if (transient && attempt < Retry.MaxAttempts)
                    {
                        await WaitAsync(operation, attempt, dialect.RetryAfter(response), $"{status} {error.Code}", cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    throw Failure(operation, status, error, RequestId(response), attempt);
                }
            }
        }

        public void Dispose()
        {
            http.Dispose();
            tokenGate.Dispose();
        }

        private async Task<string> TokenAsync(CancellationToken cancellationToken)
        {
            await tokenGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (token != null) return token;
                if (!spec.Credentials.TryGetValue(tokenKey, out var reference))
                    throw CloudErrors.Create(ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, spec.Name, "authenticate",
                        $"the provider has no credentials.{tokenKey}", $"add credentials.{tokenKey} with an env:, file: or secret: reference");
                token = (await context.Credentials.ResolveAsync(reference, cancellationToken).ConfigureAwait(false)).Trim();
                return token;
            }
            finally
            {
                tokenGate.Release();
            }
        }

        private async Task WaitAsync(string operation, int attempt, TimeSpan? requested, string why, CancellationToken cancellationToken)
        {
            var delay = Retry.DelayAfter(attempt, requested);
            context.Log.Write(LogLevel.Warning, $"{spec.Name}: {operation}: {why}; retrying in {delay.TotalSeconds:0.#} s (attempt {attempt + 1} of {Retry.MaxAttempts})");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        private CloudException Failure(string operation, int status, RestError error, string? requestId, int attempts)
        {
            var problem = $"{error.Message} ({error.Code})";
            var id = dialect.Classify(status, error) ?? status switch
            {
                401 or 403 => ErrorIds.CloudAuthenticationFailed,
                404 => ErrorIds.CloudNotFound,
                429 => ErrorIds.CloudThrottled,
                _ => ErrorIds.CloudRequestFailed,
            };
            var (kind, remedy) = id switch
            {
                ErrorIds.CloudAuthenticationFailed => (ErrorKind.PermissionDenied, $"check that credentials.{tokenKey} of provider {spec.Name} holds a valid token with write access"),
                ErrorIds.CloudQuotaExceeded => (ErrorKind.Failed, "raise the limit with the provider or ask for fewer or smaller machines, then run again"),
                ErrorIds.CloudThrottled => (ErrorKind.Busy, $"the API still refused after {attempts} attempts; run again later"),
                ErrorIds.CloudNotFound => (ErrorKind.NotFound, "check the names in the manifest"),
                ErrorIds.CloudResourceNameTaken => (ErrorKind.AlreadyExists, "MultiCloud never adopts or deletes what it did not make: rename the cluster or remove that resource yourself"),
                _ => (ErrorKind.Failed, status >= 500 ? $"the API failed {attempts} times; run again, and give the request id to the provider's support if it persists" : "run again; if it persists, give the request id to the provider's support"),
            };
            return CloudErrors.Create(id, kind, spec.Name, operation, problem, remedy, status, requestId, cloudCode: error.Code);
        }

        private string? RequestId(HttpResponseMessage response) =>
            response.Headers.TryGetValues(dialect.RequestIdHeader, out var values) ? string.Join(",", values) : null;

        private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text)) return null;
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Paths without their query, whose label selectors and names are noise in a log line.</summary>
        private static string Shorten(string path)
        {
            var query = path.IndexOf('?');
            return query < 0 ? path : path.Substring(0, query);
        }

        /// <summary>The path with query parameters escaped: "servers?name=a&amp;label_selector=k==v".</summary>
        public static string Query(string path, params (string Name, string? Value)[] parameters)
        {
            var text = new StringBuilder(path);
            var first = true;
            foreach (var (name, value) in parameters)
            {
                if (value is null) continue;
                text.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
                first = false;
            }
            return text.ToString();
        }
    }
}
