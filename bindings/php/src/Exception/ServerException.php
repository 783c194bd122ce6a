<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * ELKO answered 5xx.
 */
class ServerException extends ElkoErrorException
{
    public const STATUS = -8;
}
