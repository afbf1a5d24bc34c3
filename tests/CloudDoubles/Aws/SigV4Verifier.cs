using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>What a signature check found: the caller's key and the region of the credential scope, or why it was refused.</summary>
public sealed record SigV4Result(AwsAccessKey? Key, string Region, string? ErrorCode, string? ErrorMessage, int Status)
{
    public bool Ok => ErrorCode is null;
}

/// <summary>
/// Verifies AWS Signature Version 4 (<c>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>)
/// the way AWS does, written from the SigV4 specification (not with the SDK's signer, so a client bug cannot agree with
/// itself): canonical request from method, path, sorted query, the signed headers and the payload's SHA-256; string to
/// sign over date and scope; HMAC chain from the secret. Refuses unknown keys, wrong signatures, a scope for another
/// service, unsigned host or date headers, a date more than 15 minutes off, and temporary keys without their token.
/// </summary>
public static class SigV4Verifier
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    /// <summary>Error codes for each refusal, as each API names them (EC2 and Route53 differ).</summary>
    public sealed record Codes(string MissingAuth, string UnknownKey, string BadSignature, string Expired);

    public static SigV4Result Verify(HttpRequest request, byte[] body, string service, AwsIdentities identities, Codes codes, DateTimeOffset now)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            return Refuse(codes.MissingAuth, "Request is missing Authentication Token", 403);
        var parts = header["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) || !parts.TryGetValue("Signature", out var signature))
            return Refuse("IncompleteSignature", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.", 400);
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            return Refuse("IncompleteSignature", $"Credential should be scoped to a valid region, not '{credential}'.", 400);
        var (keyId, date, region, scopeService) = (scope[0], scope[1], scope[2], scope[3]);
        identities.Saw(signature);
        var key = identities.Find(keyId);
        if (key is null) return Refuse(codes.UnknownKey, "AWS was not able to validate the provided access credentials", codes.UnknownKey == "AuthFailure" ? 401 : 403);
        if (scopeService != service)
            return Refuse(codes.BadSignature, $"Credential should be scoped to correct service: '{service}'.", 403);

        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !(names.Contains("x-amz-date") || names.Contains("date")))
            return Refuse(codes.BadSignature, "'Host' and 'X-Amz-Date' must be signed headers.", 403);
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) || !amzDate.StartsWith(date, StringComparison.Ordinal))
            return Refuse("IncompleteSignature", "X-Amz-Date is missing or does not match the credential scope's date.", 400);
        if ((now - signedAt).Duration() > AllowedSkew)
            return Refuse(codes.Expired, $"Request has expired. Timestamp date is {amzDate}.", 400);
        if (key.SessionToken != null && request.Headers["X-Amz-Security-Token"].ToString() != key.SessionToken)
            return Refuse(codes.UnknownKey, "The security token included in the request is invalid.", 403);

        var canonical = string.Join("\n",
            request.Method,
            CanonicalPath(request.Path.Value ?? "/"),
            CanonicalQuery(request.QueryString.Value),
            string.Concat(names.Select(n => n + ":" + HeaderValue(request, n) + "\n")),
            signedHeaders,
            Hex(SHA256.HashData(body)));
        var stringToSign = string.Join("\n", "AWS4-HMAC-SHA256", amzDate, $"{date}/{region}/{service}/aws4_request", Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var signingKey = new[] { date, region, service, "aws4_request" }.Aggregate(Encoding.UTF8.GetBytes("AWS4" + key.SecretAccessKey), (k, part) => HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(part)));
        var expected = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return Refuse(codes.BadSignature, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", 403);
        return new SigV4Result(key, region, null, null, 200);
    }

    private static SigV4Result Refuse(string code, string message, int status) => new(null, "", code, message, status);

    private static string HeaderValue(HttpRequest request, string name)
    {
        var value = name == "host" ? request.Host.Value ?? "" : string.Join(",", request.Headers[name].Select(v => v ?? ""));
        return string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Each segment decoded, then encoded as RFC 3986 unreserved-or-%XX (non-S3 services encode the path twice; the client's own encoding is the first).</summary>
    private static string CanonicalPath(string path) =>
        string.Join('/', path.Split('/').Select(segment => Encode(Encode(Uri.UnescapeDataString(segment)))));

    private static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?") return "";
        return string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Key: Encode(Uri.UnescapeDataString(pair[0].Replace('+', ' '))), Value: Encode(Uri.UnescapeDataString((pair.Length > 1 ? pair[1] : "").Replace('+', ' ')))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
    }

    private static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
