<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * The client (or the client of a generator) was used after close().
 */
class ClientClosedException extends InvalidArgumentException
{
}
