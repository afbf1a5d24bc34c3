using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Cmdlets
{
    /// <summary>One line the engine logged.</summary>
    internal sealed class EngineLogLine
    {
        public EngineLogLine(LogLevel level, string message)
        {
            Level = level;
            Message = message;
        }

        public LogLevel Level { get; }
        public string Message { get; }
    }

    /// <summary>
    /// Carries progress events and log lines from engine threads to the pipeline thread, in the order they
    /// happened. PowerShell allows Write* only on the pipeline thread, so the engine never writes directly.
    /// </summary>
    internal sealed class EngineOutputQueue : IProgress<EngineEvent>, IEngineLog
    {
        private readonly ConcurrentQueue<object> _items = new ConcurrentQueue<object>();

        // Released once per item and once when a task ends; a spare release only costs an empty pass.
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);

        public void Report(EngineEvent value) => Add(value);

        public void Write(LogLevel level, string message) => Add(new EngineLogLine(level, message));

        /// <summary>
        /// Yields <see cref="EngineEvent"/>s and <see cref="EngineLogLine"/>s until <paramref name="task"/> has
        /// ended and everything it produced has been taken, blocking the calling thread in between.
        /// </summary>
        public IEnumerable<object> TakeUntilDone(Task task, CancellationToken cancellationToken)
        {
            task.ContinueWith(_ => _signal.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (true)
            {
                _signal.Wait(cancellationToken);

                // Read before draining: whatever the task queued before it ended is already in the queue.
                var ended = task.IsCompleted;
                while (_items.TryDequeue(out var item))
                {
                    yield return item;
                }

                if (ended)
                {
                    yield break;
                }
            }
        }

        private void Add(object item)
        {
            _items.Enqueue(item);
            _signal.Release();
        }
    }
}
