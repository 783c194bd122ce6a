<?php
declare(strict_types=1);

namespace Elko;

use FFI;
use FFI\CData;

/**
 * An open elko_iter, shared by the generator that drains it and the client that frees it on close().
 *
 * @internal
 */
final class IteratorHandle
{
    public function __construct(public ?CData $it)
    {
    }

    public function free(FFI $ffi): void
    {
        if ($this->it !== null) {
            $ffi->elko_iter_free($this->it);
            $this->it = null;
        }
    }
}
