using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// The regions a search by tag covers. EC2 is regional and the contract's find and delete calls name no region, so
    /// they look in every region enabled for the account (one DescribeRegions per run), unless the <c>regions</c> setting
    /// names the ones to search. Regions this run worked in are always searched.
    /// </summary>
    internal sealed class AwsRegions
    {
        /// <summary>Where DescribeRegions is asked when the run has not named a region yet.</summary>
        private const string FallbackRegion = "us-east-1";

        private readonly AwsConnection connection;
        private readonly ConcurrentDictionary<string, bool> used = new(StringComparer.Ordinal);
        private Task<IReadOnlyList<string>>? enabled;

        public AwsRegions(AwsConnection connection) => this.connection = connection;

        public void Used(string region) => used.TryAdd(region, true);

        public async Task<IReadOnlyList<string>> SearchAsync(CancellationToken cancellationToken)
        {
            var regions = connection.Settings.Regions ?? await EnabledAsync(cancellationToken).ConfigureAwait(false);
            return regions.Concat(used.Keys).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList();
        }

        private async Task<IReadOnlyList<string>> EnabledAsync(CancellationToken cancellationToken)
        {
            var task = enabled ??= ListAsync(cancellationToken);
            try
            {
                return await task.ConfigureAwait(false);
            }
            catch
            {
                enabled = null;
                throw;
            }
        }

        private Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
        {
            var home = used.Keys.OrderBy(r => r, StringComparer.Ordinal).FirstOrDefault() ?? FallbackRegion;
            return connection.CallAsync<IReadOnlyList<string>>(home, "DescribeRegions", async ec2 =>
                ((await ec2.DescribeRegionsAsync(new DescribeRegionsRequest(), cancellationToken).ConfigureAwait(false)).Regions ?? new List<Region>())
                    .Select(r => r.RegionName).ToList(), cancellationToken);
        }
    }
}
