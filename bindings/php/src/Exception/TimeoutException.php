<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * The connect timeout or the total timeout passed.
 */
class TimeoutException extends ElkoErrorException
{
    public const STATUS = -10;
}
