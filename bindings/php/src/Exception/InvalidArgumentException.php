<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * The caller's input is wrong (a bad option, an unknown operation or parameter, invalid UTF-8,
 * a value JSON cannot carry). Nothing was sent.
 */
class InvalidArgumentException extends ElkoErrorException
{
    public const STATUS = -1;
}
