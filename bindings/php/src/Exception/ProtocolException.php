<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * ELKO's answer is not what the operation answers (e.g. not JSON), or an unexpected HTTP status.
 */
class ProtocolException extends ElkoErrorException
{
    public const STATUS = -11;
}
