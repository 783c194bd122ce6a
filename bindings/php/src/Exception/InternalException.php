<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * A failure inside libelko (out of memory, libcurl could not be initialised).
 */
class InternalException extends ElkoErrorException
{
    public const STATUS = -13;
}
