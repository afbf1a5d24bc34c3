using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Execution
{
    /// <summary>
    /// Reads a secret from where a <see cref="CredentialRef"/> points, at the moment it is needed. The value is
    /// never logged or stored; a missing secret fails with CredentialNotFound naming the reference, not the value.
    /// </summary>
    public interface ICredentialResolver
    {
        Task<string> ResolveAsync(CredentialRef reference, CancellationToken cancellationToken);
    }
}
