using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>
    /// Reads env: and file: credentials. secret: references need SecretManagement, which only the PowerShell
    /// module can reach; it resolves them itself and this resolver refuses them. Errors name the reference, never a value.
    /// </summary>
    public sealed class DefaultCredentialResolver : ICredentialResolver
    {
        public async Task<string> ResolveAsync(CredentialRef reference, CancellationToken cancellationToken)
        {
            if (reference is null)
            {
                throw new ArgumentNullException(nameof(reference));
            }

            cancellationToken.ThrowIfCancellationRequested();
            return reference.Source switch
            {
                CredentialSource.Env => FromEnvironment(reference),
                CredentialSource.File => await FromFileAsync(reference, cancellationToken).ConfigureAwait(false),
                _ => throw new MultiCloudException(
                    ErrorIds.CredentialSourceNotSupported,
                    ErrorKind.NotSupported,
                    $"credential {reference} cannot be read here: secret: references are resolved by the PowerShell module through SecretManagement and are not available to this host; use env: or file: instead")
                {
                    Target = reference.ToString(),
                },
            };
        }

        /// <summary>Expands a leading "~" to the user's home folder.</summary>
        internal static string ExpandHome(string path)
        {
            if (path == "~")
            {
                return StateLocations.HomeFolder();
            }

            if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            {
                return Path.Combine(StateLocations.HomeFolder(), path.Substring(2));
            }

            return path;
        }

        private static string FromEnvironment(CredentialRef reference)
        {
            var value = Environment.GetEnvironmentVariable(reference.Reference);
            if (string.IsNullOrEmpty(value))
            {
                throw NotFound(reference, $"environment variable {reference.Reference} is not set or empty");
            }

            return value!;
        }

        private static async Task<string> FromFileAsync(CredentialRef reference, CancellationToken cancellationToken)
        {
            var path = ExpandHome(reference.Reference);
            string content;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                content = await reader.ReadToEndAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw NotFound(reference, $"file '{path}' does not exist");
            }
            catch (UnauthorizedAccessException)
            {
                throw new MultiCloudException(ErrorIds.CredentialNotFound, ErrorKind.PermissionDenied, $"credential {reference} cannot be read: access to '{path}' is denied")
                {
                    Target = reference.ToString(),
                };
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Secret files usually end with a newline that is not part of the secret.
            var secret = content.TrimEnd('\r', '\n');
            if (secret.Length == 0)
            {
                throw NotFound(reference, $"file '{path}' is empty");
            }

            return secret;
        }

        private static MultiCloudException NotFound(CredentialRef reference, string why) =>
            new MultiCloudException(ErrorIds.CredentialNotFound, ErrorKind.NotFound, $"credential {reference} was not found: {why}")
            {
                Target = reference.ToString(),
            };
    }
}
