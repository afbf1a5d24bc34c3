using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// A run started with -AsJob: the plan was shown and confirmed in the foreground, the engine then runs it on the
    /// thread pool and the job collects its output, errors, progress and log lines. Stop-Job cancels the run the way
    /// Ctrl+C does: the engine stops at a safe point, records what finished (the cluster is Interrupted) and releases
    /// its lock; Sync-MCCluster resumes it.
    /// </summary>
    internal sealed class EngineJob : Job, IEngineStreams, IProgress<EngineEvent>, IEngineLog
    {
        // How long Stop-Job waits for the engine to save state and release the lock.
        private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(30);

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ProgressView _view;
        private Task _run = Task.CompletedTask;
        private string _status = "";

        public EngineJob(string command, string activity)
            : base(command, activity)
        {
            PSJobTypeName = "MultiCloudJob";
            _view = new ProgressView(activity);
        }

        public override bool HasMoreData =>
            Output.Count > 0 || Error.Count > 0 || Progress.Count > 0 || Verbose.Count > 0 || Warning.Count > 0 || Debug.Count > 0;

        public override string Location => "localhost";

        public override string StatusMessage => _status;

        /// <summary>Starts the run; <paramref name="work"/> returns the object the job outputs (or null).</summary>
        public void Start(Func<IEngineLog, MultiCloudClient> clientFor, Func<MultiCloudClient, IProgress<EngineEvent>, CancellationToken, Task<object?>> work)
        {
            var client = clientFor(this);
            SetJobState(JobState.Running);
            _run = Task.Run(() => RunAsync(client, work));
        }

        public override void StopJob()
        {
            _stopping.Cancel();
            _run.Wait(StopGracePeriod);
        }

        public void Report(EngineEvent value) => EngineOutput.Show(value, _view, this);

        public void Write(LogLevel level, string message) => EngineOutput.Show(new EngineLogLine(level, message), _view, this);

        public void WriteProgress(ProgressRecord record) => Progress.Add(record);

        public void WriteVerbose(string text) => Verbose.Add(new VerboseRecord(text));

        public void WriteWarning(string text) => Warning.Add(new WarningRecord(text));

        public void WriteDebug(string text) => Debug.Add(new DebugRecord(text));

        protected override void Dispose(bool disposing)
        {
            if (disposing) _stopping.Dispose();
            base.Dispose(disposing);
        }

        private async Task RunAsync(MultiCloudClient client, Func<MultiCloudClient, IProgress<EngineEvent>, CancellationToken, Task<object?>> work)
        {
            JobState final;
            try
            {
                var value = await work(client, this, _stopping.Token).ConfigureAwait(false);
                if (value is not null) Output.Add(PSObject.AsPSObject(value));
                final = JobState.Completed;
            }
            catch (Exception stopped) when (_stopping.IsCancellationRequested && (stopped is OperationCanceledException || (stopped as MultiCloudException)?.Kind == ErrorKind.Canceled))
            {
                _status = stopped.Message;
                final = JobState.Stopped;
            }
            catch (MultiCloudException failure)
            {
                _status = failure.Message;
                Error.Add(ErrorRecords.From(failure));
                final = JobState.Failed;
            }
            catch (Exception unexpected)
            {
                _status = unexpected.Message;
                Error.Add(new ErrorRecord(unexpected, ErrorIds.InternalError, ErrorCategory.NotSpecified, null));
                final = JobState.Failed;
            }
            foreach (var record in _view.CompleteAll()) Progress.Add(record);
            SetJobState(final);
        }
    }
}
