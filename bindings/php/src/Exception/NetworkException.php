<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * No HTTP answer: connection refused or reset, DNS, TLS, a body cut short.
 */
class NetworkException extends ElkoErrorException
{
    public const STATUS = -9;
}
