using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// One provider instance's AWS identity: the access key pair (and session token) the manifest's credential
    /// references point to, read when the first call needs them; or, when the manifest names none, the SDK's default
    /// chain (environment variables, shared profile, web identity, container or instance role) through a resolver of
    /// this instance's own. Only the SDK's credentials object holds the secret.
    /// </summary>
    internal sealed class AwsIdentity
    {
        private readonly AwsSettings settings;
        private readonly ProviderContext context;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private AWSCredentials? credentials;

        public AwsIdentity(AwsSettings settings, ProviderContext context)
        {
            this.settings = settings;
            this.context = context;
        }

        /// <summary>
        /// True when the credentials come from the manifest or from a source of the default chain the user set up on
        /// this machine (environment variables, a profile file, web identity, a container endpoint); false when only the
        /// chain's last resort, the instance metadata service, could answer. The plan asks the cloud only when true, so
        /// a plan on a laptop without AWS credentials neither waits for nor talks to 169.254.169.254.
        /// </summary>
        public bool ResolvesWithoutMetadataService
        {
            get
            {
                if (settings.AccessKey != null) return true;
                var variables = new[] { "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI" };
                if (variables.Any(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))) return true;
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                var files = new[]
                {
                    Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(home, ".aws", "credentials"),
                    Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? Path.Combine(home, ".aws", "config"),
                };
                return files.Any(File.Exists);
            }
        }

        public async Task<AWSCredentials> CredentialsAsync(CancellationToken cancellationToken)
        {
            if (credentials != null) return credentials;
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return credentials ??= await ResolveAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
        {
            if (settings.AccessKey is { } accessReference)
            {
                var accessKey = (await context.Credentials.ResolveAsync(accessReference, cancellationToken).ConfigureAwait(false)).Trim();
                var secretKey = (await context.Credentials.ResolveAsync(settings.SecretKey!, cancellationToken).ConfigureAwait(false)).Trim();
                if (settings.SessionToken is { } tokenReference)
                {
                    var token = (await context.Credentials.ResolveAsync(tokenReference, cancellationToken).ConfigureAwait(false)).Trim();
                    return new SessionAWSCredentials(accessKey, secretKey, token);
                }
                return new BasicAWSCredentials(accessKey, secretKey);
            }
            context.Log.Write(Execution.LogLevel.Verbose, $"provider {settings.Provider} (aws): no accessKey in the manifest: using the AWS default credential chain");
            try
            {
                var chain = new DefaultAWSCredentialsIdentityResolver();
                var found = await chain.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
                // Resolve now, so a chain that finds nothing fails here with our message rather than inside the first call.
                await found.GetCredentialsAsync().ConfigureAwait(false);
                return found;
            }
            catch (AmazonClientException e)
            {
                throw CloudErrors.Create(ErrorIds.CloudAuthenticationFailed, ErrorKind.PermissionDenied, settings.Provider, "find AWS credentials",
                    "the manifest names no accessKey/secretKey and the AWS default chain found none (environment, shared profile, instance role)",
                    "name accessKey and secretKey in the provider's credentials, or set AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an instance role", inner: e);
            }
        }
    }
}
