namespace MultiCloud.KubeDoubles.ApiServer;

/// <summary>A resource request decoded from its URL: /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]] or /apis/G/V/...</summary>
public sealed record ApiRequest(string Group, string Version, string Resource, string? Namespace, string? Name, string? Subresource)
{
    public static ApiRequest? Parse(string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        int i;
        if (parts.Length >= 3 && parts[0] == "api") { group = ""; version = parts[1]; i = 2; }
        else if (parts.Length >= 4 && parts[0] == "apis") { group = parts[1]; version = parts[2]; i = 3; }
        else return null;
        var rest = parts[i..].Select(Uri.UnescapeDataString).ToArray();
        // namespaces/NS/RESOURCE... names a namespaced resource; namespaces[/NS[/status|finalize]] the namespace itself.
        if (rest.Length >= 3 && rest[0] == "namespaces" && rest[2] is not ("status" or "finalize"))
        {
            return new ApiRequest(group, version, rest[2], rest[1], rest.Length > 3 ? rest[3] : null, rest.Length > 4 ? rest[4] : null);
        }
        return new ApiRequest(group, version, rest[0], null, rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null);
    }
}
