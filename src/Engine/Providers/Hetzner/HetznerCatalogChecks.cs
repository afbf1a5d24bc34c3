using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>
    /// Checks, once per provider instance and value, that a pool's server type, location (or data center) and image
    /// exist, and that the server type's disk holds the pool's disk size — before anything is created for the pool.
    /// </summary>
    internal sealed class HetznerCatalogChecks
    {
        private readonly HetznerApi api;
        private readonly ConcurrentDictionary<string, JsonElement> known = new ConcurrentDictionary<string, JsonElement>();

        public HetznerCatalogChecks(HetznerApi api) => this.api = api;

        public async Task RequireAsync(MachineRequest request, string operation, CancellationToken cancellationToken)
        {
            var serverType = await RequireAsync("server_types", request.ServerType, "server type", "serverType", request.Pool, operation, cancellationToken).ConfigureAwait(false);
            if (request.Zone is null)
                await RequireAsync("locations", request.Region, "location", "region", request.Pool, operation, cancellationToken).ConfigureAwait(false);
            else
                await RequireAsync("datacenters", request.Zone, "data center", "zone", request.Pool, operation, cancellationToken).ConfigureAwait(false);
            // An image may be given by its numeric id, which the name filter does not find.
            if (!long.TryParse(request.Image, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                await RequireAsync("images", request.Image, "image", "image", request.Pool, operation, cancellationToken).ConfigureAwait(false);

            if (request.DiskSizeGb is int wanted && serverType.TryGetProperty("disk", out var disk) && disk.TryGetInt32(out var size) && wanted > size)
                throw CloudErrors.Create(ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, api.Provider, operation,
                    $"server type {request.ServerType} has a {size} GB disk, less than diskSizeGb {wanted} of node pool {request.Pool}",
                    "choose a larger server type or leave diskSizeGb out (Hetzner disks come with the server type)");
        }

        private async Task<JsonElement> RequireAsync(string collection, string name, string what, string field, string pool, string operation, CancellationToken cancellationToken)
        {
            var key = collection + "/" + name;
            if (known.TryGetValue(key, out var cached)) return cached;
            var found = await api.FindByNameAsync(collection, name, operation, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                var available = await api.ListAsync(collection, "list " + collection, cancellationToken).ConfigureAwait(false);
                var names = string.Join(", ", available.Select(item => HetznerApi.Text(item, "name")).Where(n => n.Length > 0).Distinct().OrderBy(n => n).Take(20));
                throw CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, api.Provider, operation,
                    $"{what} '{name}' does not exist in this Hetzner project (field {field} of node pool {pool})",
                    $"fix {field} in the manifest" + (names.Length > 0 ? $"; the API offers: {names}" : ""));
            }
            known[key] = found.Value;
            return found.Value;
        }
    }
}
