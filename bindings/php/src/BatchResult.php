<?php
declare(strict_types=1);

namespace Elko;

use Elko\Exception\ElkoErrorException;

/**
 * What Client::batch() gathered: $items of every batch that succeeded, in the order the codes were
 * asked; $failed batches, each ['codes' => list<string>, 'error' => ElkoErrorException]; $batches, the
 * requests sent.
 */
final class BatchResult
{
    /**
     * @param list<mixed> $items
     * @param list<array{codes: list<string>, error: ElkoErrorException}> $failed
     */
    public function __construct(
        public readonly array $items,
        public readonly array $failed,
        public readonly int $batches,
    ) {
    }

    /** True when no batch failed. */
    public function ok(): bool
    {
        return $this->failed === [];
    }
}
